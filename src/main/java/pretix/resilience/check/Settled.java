package pretix.resilience.check;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import pretix.resilience.history.Operation;
import pretix.resilience.history.OperationKind;

/**
 * Whether the clients see a settled stack at a moment: every operation that ended in the
 * stability window before it succeeded, and every kind of operation ended at least once in that
 * window (a kind that went silent is not settled, it may be hanging).
 */
public final class Settled {

    private Settled() {}

    public static boolean at(List<Operation> operations, long nowNanos, Duration stability,
                             Collection<OperationKind> kinds) {
        long from = nowNanos - stability.toNanos();
        List<Operation> recent = operations.stream()
                .filter(operation -> operation.completeNanos() >= from && operation.completeNanos() <= nowNanos)
                .toList();
        return recent.stream().allMatch(Operation::ok) && kinds.stream()
                .allMatch(kind -> recent.stream().anyMatch(operation -> kind.type().equals(operation.type())));
    }
}
