package pretix.resilience.stack.launch;

import java.util.Map;
import java.util.stream.Collectors;
import pretix.resilience.stack.Node;
import pretix.resilience.stack.Profile;
import pretix.resilience.stack.Tier;
import pretix.resilience.stack.Topology;

/** The environment each image's entrypoint reads: the topology and profile, translated per tier. */
final class NodeEnvironment {

    /** pcp credentials inside the stack network; the network is private to one run. */
    static final String PCP_USER = "pgpool";
    static final String PCP_PASSWORD = "pgpool";

    private NodeEnvironment() {}

    static Map<String, String> of(Topology topology, Node node) {
        Profile.Settings settings = topology.profile().settings();
        return switch (node.tier()) {
            case POSTGRES -> Map.of(
                    "NODE_NAME", node.name(),
                    "PG_NODES", names(topology, Tier.POSTGRES),
                    "INITIAL_PRIMARY", topology.initialPrimary().name(),
                    "SYNCHRONOUS_STANDBY_NAMES", settings.synchronousReplication()
                            ? "ANY 1 (" + names(topology, Tier.POSTGRES) + ")" : "",
                    "WAL_LOG_HINTS", onOff(settings.walLogHints()),
                    "PGPOOL_NODES", names(topology, Tier.PGPOOL),
                    "PGPOOL_WATCHDOG", onOff(settings.pgpoolWatchdog()),
                    "PCP_USER", PCP_USER,
                    "PCP_PASSWORD", PCP_PASSWORD);
            case PGPOOL -> Map.of(
                    "NODE_ID", String.valueOf(node.index()),
                    "PGPOOL_NODES", names(topology, Tier.PGPOOL),
                    "PG_NODES", names(topology, Tier.POSTGRES),
                    "WATCHDOG", onOff(settings.pgpoolWatchdog()),
                    "SR_CHECK_PERIOD", String.valueOf(settings.srCheckPeriodSeconds()),
                    "PCP_USER", PCP_USER,
                    "PCP_PASSWORD", PCP_PASSWORD);
            case REDIS -> Map.of(
                    "NODE_NAME", node.name(),
                    "INITIAL_MASTER", topology.initialRedisMaster().name(),
                    "MASTER_NAME", Topology.REDIS_MASTER_NAME,
                    "SENTINEL_NODES", names(topology, Tier.SENTINEL),
                    "ASK_SENTINELS", settings.redisAsksSentinels() ? "yes" : "no",
                    "MIN_REPLICAS_TO_WRITE", String.valueOf(settings.minReplicasToWrite()));
            case SENTINEL -> Map.of(
                    "NODE_NAME", node.name(),
                    "MASTER_NAME", Topology.REDIS_MASTER_NAME,
                    "INITIAL_MASTER", topology.initialRedisMaster().name(),
                    "QUORUM", String.valueOf(topology.sentinelQuorum()),
                    "DOWN_AFTER_MS", String.valueOf(settings.sentinelDownAfter().toMillis()),
                    "FAILOVER_TIMEOUT_MS", String.valueOf(settings.sentinelFailoverTimeout().toMillis()));
            case HAPROXY -> Map.of(
                    "REDIS_NODES", names(topology, Tier.REDIS),
                    "CHECK_INTER_MS", String.valueOf(settings.haproxyCheck().interval().toMillis()),
                    "CHECK_FALL", String.valueOf(settings.haproxyCheck().fall()),
                    "CHECK_RISE", String.valueOf(settings.haproxyCheck().rise()),
                    "SHUTDOWN_SESSIONS", settings.haproxyCheck().shutdownSessionsOnDown() ? "yes" : "no");
        };
    }

    private static String names(Topology topology, Tier tier) {
        return topology.nodes(tier).stream().map(Node::name).collect(Collectors.joining(","));
    }

    private static String onOff(boolean value) {
        return value ? "on" : "off";
    }
}
