package pretix.resilience.engine.docker.launch;

import java.util.Map;
import java.util.stream.Collectors;
import pretix.resilience.stack.Link;
import pretix.resilience.stack.Node;
import pretix.resilience.stack.Profile;
import pretix.resilience.stack.ShopAccess;
import pretix.resilience.stack.Tier;
import pretix.resilience.stack.Topology;

/** The environment each image's entrypoint reads: the topology and profile, translated per tier. */
public final class NodeEnvironment {

    /** pgpool's control user; its password is {@link pretix.resilience.stack.StackSecret#PCP_PASSWORD}. */
    static final String PCP_USER = "pgpool";

    private NodeEnvironment() {}

    /** How long nginx waits for a shop's answer before it counts the request as failed there. */
    static final int NGINX_READ_TIMEOUT_SECONDS = 10;

    /** The node's settings; its secrets are files ({@link SecretFiles}). */
    public static Map<String, String> of(Topology topology, Node node) {
        Profile.Settings settings = topology.profile().settings();
        return switch (node.tier()) {
            case POSTGRES -> Map.ofEntries(
                    Map.entry("REPLICATION_LINK", linkAddress(topology, replication(topology))),
                    Map.entry("REPLICATION_PROXY_URL", replicationProxyUrl(topology)),
                    Map.entry("NODE_NAME", node.name()),
                    Map.entry("WAL_DISK", node.tier().diskPath().orElseThrow()),
                    Map.entry("PG_NODES", names(topology, Tier.POSTGRES)),
                    Map.entry("INITIAL_PRIMARY", topology.initialPrimary().name()),
                    Map.entry("SYNCHRONOUS_STANDBY_NAMES", settings.synchronousReplication()
                            ? "ANY 1 (" + names(topology, Tier.POSTGRES) + ")" : ""),
                    Map.entry("WAL_LOG_HINTS", onOff(settings.walLogHints())),
                    Map.entry("PGPOOL_NODES", names(topology, Tier.PGPOOL)),
                    Map.entry("PGPOOL_WATCHDOG", onOff(settings.pgpoolWatchdog())),
                    Map.entry("PCP_USER", PCP_USER));
            case PGPOOL -> Map.of(
                    "NODE_ID", String.valueOf(node.index()),
                    "PGPOOL_NODES", names(topology, Tier.PGPOOL),
                    "PG_NODES", names(topology, Tier.POSTGRES),
                    "WATCHDOG", onOff(settings.pgpoolWatchdog()),
                    "SR_CHECK_PERIOD", String.valueOf(settings.srCheckPeriodSeconds()),
                    "HEALTH_CHECK_RETRIES", String.valueOf(settings.healthCheckRetries()),
                    "PCP_USER", PCP_USER,
                    "REPLICATION_LINK", linkAddress(topology, replication(topology)),
                    "REPLICATION_PROXY_URL", replicationProxyUrl(topology));
            case REDIS -> Map.of(
                    "NODE_NAME", node.name(),
                    "INITIAL_MASTER", topology.initialRedisMaster().name(),
                    "MASTER_NAME", Topology.REDIS_MASTER_NAME,
                    "SENTINEL_NODES", names(topology, Tier.SENTINEL),
                    "ASK_SENTINELS", settings.redisAsksSentinels() ? "yes" : "no",
                    "MIN_REPLICAS_TO_WRITE", String.valueOf(settings.minReplicasToWrite()),
                    "APPEND_ONLY", settings.redisAppendOnly() ? "yes" : "no");
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
                    "SHUTDOWN_SESSIONS", settings.haproxyCheck().shutdownSessionsOnDown() ? "yes" : "no",
                    "HOLD_UNTIL_CHECKED", settings.haproxyCheck().holdUntilChecked() ? "yes" : "no",
                    "REQUIRE_REPLICA", settings.haproxyCheck().requireReplica() ? "yes" : "no");
            case SHOP -> Map.of(
                    "SHOP_PORT", String.valueOf(Tier.SHOP.servicePort()),
                    "DATABASE_URL", "jdbc:postgresql://" + linkAddresses(topology, Link.Kind.SHOP_PGPOOL)
                            + "/postgres?loadBalanceHosts=true",
                    "REDIS_ENDPOINTS", linkAddresses(topology, Link.Kind.SHOP_HAPROXY),
                    "SHOP_ORGANIZER", ShopAccess.ORGANIZER);
            case NGINX -> Map.of(
                    "SHOP_NODES", names(topology, Tier.SHOP),
                    "SHOP_PORT", String.valueOf(Tier.SHOP.servicePort()),
                    "READ_TIMEOUT_S", String.valueOf(NGINX_READ_TIMEOUT_SECONDS));
            case TOXIPROXY -> Map.of();
        };
    }

    private static Link replication(Topology topology) {
        return topology.links().stream().filter(link -> link.kind() == Link.Kind.REPLICATION).findFirst().orElseThrow();
    }

    /** The shop reaches every pgpool and every HAProxy through its own proxy, for N+1 on the client side. */
    private static String linkAddresses(Topology topology, Link.Kind kind) {
        return topology.links().stream().filter(link -> link.kind() == kind)
                .map(link -> linkAddress(topology, link)).collect(Collectors.joining(","));
    }

    private static String linkAddress(Topology topology, Link link) {
        return topology.toxiproxy().name() + ":" + link.listenPort();
    }

    private static String names(Topology topology, Tier tier) {
        return topology.nodes(tier).stream().map(Node::name).collect(Collectors.joining(","));
    }

    private static String onOff(boolean value) {
        return value ? "on" : "off";
    }

    /** Toxiproxy's API for the replication link, so that whoever learns of a new primary can point the link at it. */
    private static String replicationProxyUrl(Topology topology) {
        return "http://" + topology.toxiproxy().name() + ":" + Tier.TOXIPROXY.servicePort() + "/proxies/"
                + replication(topology).name();
    }
}
