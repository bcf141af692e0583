package pretix.resilience.roles;

/** One Redis node as it answers {@code ROLE}: a master, or a replica with its master and link state. */
public record RedisNodeState(String node, boolean reachable, String role, String master, String linkState,
                             int connectedReplicas, String error) {

    public static RedisNodeState unreachable(String node, String error) {
        return new RedisNodeState(node, false, "unreachable", null, null, 0, error);
    }

    public boolean isMaster() {
        return reachable && "master".equals(role);
    }

    public boolean isConnectedReplica() {
        return reachable && "slave".equals(role) && "connected".equals(linkState);
    }
}
