package pretix.resilience.history;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The kinds of operation a run records, each under the name a scenario file uses for it and the
 * type its history records carry. A probe is pinned to one node (it writes through each HAProxy
 * or pgpool in turn), so its operations through a node a fault hit say nothing of the stack:
 * no user request takes that path. A buyer is not pinned: it moves to the other nginx.
 */
public enum OperationKind {
    ORDERS("orders", "order", false),
    REDIS_WRITES("redis_writes", "redis-write", true),
    PG_WRITES("pg_writes", "pg-write", true);

    private final String id;
    private final String type;
    private final boolean pinnedToNode;

    OperationKind(String id, String type, boolean pinnedToNode) {
        this.id = id;
        this.type = type;
        this.pinnedToNode = pinnedToNode;
    }

    /** The name a scenario file and a report use: {@code orders}, {@code redis_writes}, {@code pg_writes}. */
    public String id() {
        return id;
    }

    /** The {@code type} of this kind's operations in a history. */
    public String type() {
        return type;
    }

    /** Whether each operation goes through one fixed node, whatever happens to it. */
    public boolean pinnedToNode() {
        return pinnedToNode;
    }

    public static Optional<OperationKind> byId(String id) {
        return Arrays.stream(values()).filter(kind -> kind.id.equals(id)).findFirst();
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(OperationKind::id).toList();
    }
}
