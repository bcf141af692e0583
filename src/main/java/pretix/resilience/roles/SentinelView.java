package pretix.resilience.roles;

/** What one sentinel believes: the master it names and how many replicas and other sentinels it knows. */
public record SentinelView(String node, boolean reachable, String master, int knownReplicas, int knownSentinels,
                           String error) {

    public static SentinelView unreachable(String node, String error) {
        return new SentinelView(node, false, null, 0, 0, error);
    }
}
