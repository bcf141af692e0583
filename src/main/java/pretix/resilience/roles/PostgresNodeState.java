package pretix.resilience.roles;

import java.util.List;

/**
 * One PostgreSQL node as it answers for itself: primary or standby, what it received and
 * replayed, and, on a primary, the standbys streaming from it.
 */
public record PostgresNodeState(String node, boolean reachable, boolean inRecovery, String walReceiverStatus,
                                List<Replica> replicas, String error) {

    /** A standby in the primary's {@code pg_stat_replication}. */
    public record Replica(String standby, String state, String syncState, long lagBytes, long replayLagMillis) {}

    public static PostgresNodeState unreachable(String node, String error) {
        return new PostgresNodeState(node, false, false, null, List.of(), error);
    }

    public boolean isPrimary() {
        return reachable && !inRecovery;
    }

    public boolean isStreamingStandby() {
        return reachable && inRecovery && "streaming".equals(walReceiverStatus);
    }

    public String role() {
        if (!reachable) {
            return "unreachable";
        }
        return inRecovery ? "standby" : "primary";
    }
}
