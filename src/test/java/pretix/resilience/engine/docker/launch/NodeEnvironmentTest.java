package pretix.resilience.engine.docker.launch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import pretix.resilience.stack.Node;
import pretix.resilience.stack.Profile;
import pretix.resilience.stack.Tier;
import pretix.resilience.stack.Topology;

class NodeEnvironmentTest {

    private final Topology hardened = Topology.defaults(Profile.HARDENED);
    private final Topology seed = Topology.defaults(Profile.SEED);

    @Test
    void hardenedPostgresWaitsForAnyOneStandbyAndKeepsHintsForPgRewind() {
        var environment = NodeEnvironment.of(hardened, new Node(Tier.POSTGRES, 1));

        assertThat(environment)
                .containsEntry("NODE_NAME", "pg1")
                .containsEntry("PG_NODES", "pg0,pg1,pg2")
                .containsEntry("INITIAL_PRIMARY", "pg0")
                .containsEntry("SYNCHRONOUS_STANDBY_NAMES", "ANY 1 (pg0,pg1,pg2)")
                .containsEntry("WAL_LOG_HINTS", "on")
                .containsEntry("PGPOOL_WATCHDOG", "on");
    }

    @Test
    void seedPostgresReplicatesAsynchronously() {
        assertThat(NodeEnvironment.of(seed, new Node(Tier.POSTGRES, 0)))
                .containsEntry("SYNCHRONOUS_STANDBY_NAMES", "")
                .containsEntry("PGPOOL_NODES", "pgpool0,pgpool1")
                .containsEntry("PGPOOL_WATCHDOG", "off");
    }

    @Test
    void pgpoolTurnsOffTheReplicationCheckOnlyWhereTheProfileSaysSo() {
        assertThat(NodeEnvironment.of(hardened, new Node(Tier.PGPOOL, 2)))
                .containsEntry("NODE_ID", "2").containsEntry("WATCHDOG", "on").containsEntry("SR_CHECK_PERIOD", "0");
        assertThat(NodeEnvironment.of(seed, new Node(Tier.PGPOOL, 0)))
                .containsEntry("WATCHDOG", "off").containsEntry("SR_CHECK_PERIOD", "10");
    }

    @Test
    void redisSentinelAndHaproxyFollowTheProfile() {
        assertThat(NodeEnvironment.of(hardened, new Node(Tier.REDIS, 2)))
                .containsEntry("ASK_SENTINELS", "yes").containsEntry("MIN_REPLICAS_TO_WRITE", "1")
                .containsEntry("SENTINEL_NODES", "sentinel0,sentinel1,sentinel2").containsEntry("APPEND_ONLY", "yes");
        assertThat(NodeEnvironment.of(seed, new Node(Tier.REDIS, 2)))
                .containsEntry("ASK_SENTINELS", "no").containsEntry("MIN_REPLICAS_TO_WRITE", "0")
                .containsEntry("APPEND_ONLY", "no");
        assertThat(NodeEnvironment.of(hardened, new Node(Tier.SENTINEL, 0)))
                .containsEntry("QUORUM", "2").containsEntry("DOWN_AFTER_MS", "1000");
        assertThat(NodeEnvironment.of(hardened, new Node(Tier.HAPROXY, 1)))
                .containsEntry("REDIS_NODES", "redis0,redis1,redis2")
                .containsEntry("CHECK_INTER_MS", "250").containsEntry("SHUTDOWN_SESSIONS", "yes");
    }

    @Test
    void shopsReachEveryPgpoolAndEveryHaproxyThroughTheirOwnLinks() {
        assertThat(NodeEnvironment.of(hardened, new Node(Tier.SHOP, 1)))
                .containsEntry("DATABASE_URL", "jdbc:postgresql://toxiproxy0:15432,toxiproxy0:15433,toxiproxy0:15434"
                        + "/postgres?loadBalanceHosts=true")
                .containsEntry("REDIS_ENDPOINTS", "toxiproxy0:16379,toxiproxy0:16380")
                .containsEntry("SHOP_ORGANIZER", "chaos");
        assertThat(NodeEnvironment.of(seed, new Node(Tier.SHOP, 0)).get("DATABASE_URL"))
                .contains("toxiproxy0:15432,toxiproxy0:15433/");
    }

    @Test
    void standbysStreamThroughTheReplicationLinkWhichPgpoolRepointsOnFailover() {
        assertThat(NodeEnvironment.of(hardened, new Node(Tier.POSTGRES, 2)))
                .containsEntry("REPLICATION_LINK", "toxiproxy0:25432");
        assertThat(NodeEnvironment.of(seed, new Node(Tier.PGPOOL, 1)))
                .containsEntry("REPLICATION_LINK", "toxiproxy0:25432")
                .containsEntry("REPLICATION_PROXY_URL", "http://toxiproxy0:8474/proxies/replication");
    }

    @Test
    void nginxKnowsEveryShop() {
        assertThat(NodeEnvironment.of(hardened, new Node(Tier.NGINX, 0)))
                .containsEntry("SHOP_NODES", "shop0,shop1").containsEntry("SHOP_PORT", "8000");
    }

    @Test
    void noSecretIsInAnyEnvironment() {
        for (Node node : hardened.allNodes()) {
            assertThat(NodeEnvironment.of(hardened, node).keySet()).as(node.name())
                    .noneMatch(key -> key.contains("PASSWORD") || key.contains("TOKEN") || key.contains("KEY"));
        }
    }
}
