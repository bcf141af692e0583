package pretix.resilience.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TopologyTest {

    @Test
    void hardenedDefaultsRunEveryTierNPlusOneWithAWatchdogQuorum() {
        Topology topology = Topology.defaults(Profile.HARDENED);

        assertThat(topology.nodes(Tier.POSTGRES)).extracting(Node::name).containsExactly("pg0", "pg1", "pg2");
        assertThat(topology.nodes(Tier.PGPOOL)).extracting(Node::name).containsExactly("pgpool0", "pgpool1", "pgpool2");
        assertThat(topology.nodes(Tier.REDIS)).hasSize(3);
        assertThat(topology.nodes(Tier.SENTINEL)).hasSize(3);
        assertThat(topology.nodes(Tier.HAPROXY)).hasSize(2);
        assertThat(topology.nodes(Tier.SHOP)).extracting(Node::name).containsExactly("shop0", "shop1");
        assertThat(topology.nodes(Tier.NGINX)).extracting(Node::name).containsExactly("nginx0", "nginx1");
        assertThat(topology.nodes(Tier.TOXIPROXY)).extracting(Node::name).containsExactly("toxiproxy0");
        assertThat(topology.allNodes()).hasSize(19);
        assertThat(topology.sentinelQuorum()).isEqualTo(2);
    }

    @Test
    void seedRunsTwoPgpoolsWithoutWatchdog() {
        Topology topology = Topology.defaults(Profile.SEED);

        assertThat(topology.count(Tier.PGPOOL)).isEqualTo(2);
        assertThat(topology.profile().settings().pgpoolWatchdog()).isFalse();
    }

    @Test
    void everyInvalidCountIsReportedAtOnce() {
        Topology.Builder builder = Topology.builder(Profile.HARDENED)
                .postgresStandbys(0).redisReplicas(0).sentinels(4).pgpools(2).haproxies(1).shops(1).nginxes(0);

        assertThatThrownBy(builder::build)
                .isInstanceOfSatisfying(TopologyException.class, e -> assertThat(e.problems()).containsExactly(
                        "postgres standbys = 0: must be at least 1 (a primary without a standby has nothing to fail over to)",
                        "pgpools = 2: must be odd and at least 3 (the hardened profile runs the pgpool watchdog, which"
                                + " needs a majority; an even count adds no failure tolerance): use 3 or 5",
                        "redis replicas = 0: must be at least 1 (a master without a replica has nothing to fail over to)",
                        "sentinels = 4: must be odd and at least 3 (Sentinel needs a majority to elect a new master;"
                                + " an even count adds no failure tolerance): use 3 or 5",
                        "haproxies = 1: must be at least 2 (N+1 needs a second HAProxy)",
                        "shops = 1: must be at least 2 (N+1 needs a second shop replica)",
                        "nginxes = 0: must be at least 2 (N+1 needs a second nginx)"));
    }

    @Test
    void seedAcceptsAnEvenNumberOfPgpoolsButNotOne() {
        assertThat(Topology.builder(Profile.SEED).pgpools(4).build().count(Tier.PGPOOL)).isEqualTo(4);
        assertThatThrownBy(() -> Topology.builder(Profile.SEED).pgpools(1).build())
                .hasMessageContaining("pgpools = 1: must be at least 2");
    }

    @Test
    void refusesMoreNodesPerTierThanOneMachineHolds() {
        assertThatThrownBy(() -> Topology.builder(Profile.SEED).haproxies(ReplicaKnob.MAX + 1).build())
                .hasMessageContaining("haproxies = 10: at most 9 per tier");
    }

    @Test
    void profileNamesParseCaseInsensitivelyAndUnknownOnesListTheChoices() {
        assertThat(Profile.parse("Seed")).isEqualTo(Profile.SEED);
        assertThatThrownBy(() -> Profile.parse("hardend"))
                .hasMessage("unknown profile 'hardend': choose one of hardened, seed");
    }

    @Test
    void everyLinkHasAStableNameAndAPortOfItsOwn() {
        Topology topology = Topology.builder(Profile.HARDENED).pgpools(5).build();

        assertThat(topology.links()).extracting(Link::name).containsExactly(
                "client-nginx0", "client-nginx1",
                "shop-pgpool0", "shop-pgpool1", "shop-pgpool2", "shop-pgpool3", "shop-pgpool4",
                "shop-haproxy0", "shop-haproxy1", "replication");
        assertThat(topology.links()).extracting(Link::listenPort).doesNotHaveDuplicates();
        assertThat(topology.links()).filteredOn(link -> link.kind() == Link.Kind.SHOP_PGPOOL)
                .extracting(Link::upstreamAddress).containsExactly(
                        "pgpool0:5432", "pgpool1:5432", "pgpool2:5432", "pgpool3:5432", "pgpool4:5432");
        assertThat(topology.links()).filteredOn(link -> link.kind() == Link.Kind.REPLICATION)
                .extracting(Link::upstreamAddress).containsExactly("pg0:5432");
    }

    @Test
    void toxiproxyPublishesItsApiAndTheClientSideOfEveryClientLink() {
        Topology topology = Topology.builder(Profile.SEED).nginxes(3).build();

        assertThat(topology.ports(topology.toxiproxy())).containsExactly(8474, 18080, 18081, 18082);
        assertThat(topology.ports(new Node(Tier.SHOP, 0))).containsExactly(8000);
    }
}
