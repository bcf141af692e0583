package pretix.resilience.stack.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import pretix.resilience.docker.Docker;
import pretix.resilience.roles.RoleObserver;
import pretix.resilience.roles.RoleSnapshot;
import pretix.resilience.stack.DeployedNode;
import pretix.resilience.stack.DeployedStack;
import pretix.resilience.stack.HostPort;
import pretix.resilience.stack.Profile;
import pretix.resilience.stack.Tier;
import pretix.resilience.stack.Topology;
import pretix.resilience.stack.launch.RunningStack;
import redis.clients.jedis.Jedis;

/** What every profile's data tier must do once it reports ready. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DataTierContract {

    /**
     * A liveness bound for replication to reach a standby, not a timing goal: replication is
     * measured sub-second, and recovery-time SLOs are checked by the resilience suites.
     */
    private static final Duration REPLICATION_BOUND = Duration.ofSeconds(30);

    private final Topology topology = Topology.defaults(profile());
    private RunningStack stack;
    private DeployedStack deployed;

    abstract Profile profile();

    @BeforeAll
    void startStack() throws SQLException {
        stack = Machine.launcher().launch(topology, false);
        deployed = stack.deployed();
        try (Connection connection = connect(deployed.nodes(Tier.PGPOOL).get(0).servicePort())) {
            connection.createStatement().execute("create table probe (id text primary key, via text not null)");
        }
    }

    @AfterAll
    void removeStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void everyNodeOfTheTopologyIsUp() {
        assertThat(deployed.nodes()).extracting(DeployedNode::node).containsExactlyInAnyOrderElementsOf(topology.allNodes());
        assertThat(stack.timeToReady()).isPositive();
    }

    @Test
    void aRowWrittenThroughEachPgpoolReachesEveryStandby() throws SQLException {
        for (DeployedNode pgpool : deployed.nodes(Tier.PGPOOL)) {
            String id = UUID.randomUUID().toString();
            try (Connection connection = connect(pgpool.servicePort());
                 PreparedStatement insert = connection.prepareStatement("insert into probe values (?, ?)")) {
                insert.setString(1, id);
                insert.setString(2, pgpool.name());
                assertThat(insert.executeUpdate()).isEqualTo(1);
            }
            for (DeployedNode standby : standbys()) {
                await("row written through " + pgpool.name() + " on " + standby.name())
                        .atMost(REPLICATION_BOUND).ignoreExceptions()
                        .until(() -> rowCount(standby.servicePort(), id) == 1);
            }
        }
    }

    @Test
    void aKeyWrittenThroughEachHaproxyReachesEveryReplica() {
        for (DeployedNode haproxy : deployed.nodes(Tier.HAPROXY)) {
            String key = "probe:" + UUID.randomUUID();
            try (Jedis jedis = jedis(haproxy.servicePort())) {
                assertThat(jedis.set(key, haproxy.name())).isEqualTo("OK");
            }
            for (DeployedNode replica : deployed.nodes(Tier.REDIS).subList(1, topology.count(Tier.REDIS))) {
                await("key written through " + haproxy.name() + " on " + replica.name())
                        .atMost(REPLICATION_BOUND).ignoreExceptions()
                        .until(() -> {
                            try (Jedis jedis = jedis(replica.servicePort())) {
                                return haproxy.name().equals(jedis.get(key));
                            }
                        });
            }
        }
    }

    @Test
    void exactlyOnePrimaryAndOneMasterOnWhichEveryObserverAgrees() {
        RoleSnapshot snapshot = new RoleObserver(Docker.client()).observe(deployed);

        assertThat(snapshot.postgresPrimaries()).containsExactly(topology.initialPrimary().name());
        assertThat(snapshot.agreedPostgresPrimary()).as("pgpool views %s", snapshot.pgpools())
                .contains(topology.initialPrimary().name());
        assertThat(snapshot.redisMasters()).containsExactly(topology.initialRedisMaster().name());
        assertThat(snapshot.agreedRedisMaster()).as("sentinels %s, haproxies %s", snapshot.sentinels(),
                snapshot.haproxies()).contains(topology.initialRedisMaster().name());
        assertThat(snapshot.postgres()).filteredOn(state -> !state.isPrimary())
                .allSatisfy(state -> assertThat(state.isStreamingStandby()).as(state.node()).isTrue());
    }

    @Test
    void replicationIsSynchronousExactlyWhenTheProfileSaysSo() {
        RoleSnapshot snapshot = new RoleObserver(Docker.client()).observe(deployed);
        String expected = profile().settings().synchronousReplication() ? "quorum" : "async";

        assertThat(snapshot.postgres()).filteredOn(state -> state.isPrimary()).singleElement()
                .satisfies(primary -> assertThat(primary.replicas())
                        .hasSize(topology.postgresStandbys())
                        .allSatisfy(replica -> assertThat(replica.syncState()).isEqualTo(expected)));
    }

    private List<DeployedNode> standbys() {
        return deployed.nodes(Tier.POSTGRES).stream()
                .filter(node -> !node.node().equals(topology.initialPrimary())).toList();
    }

    private static int rowCount(HostPort target, String id) throws SQLException {
        try (Connection connection = connect(target);
             PreparedStatement query = connection.prepareStatement("select count(*) from probe where id = ?")) {
            query.setString(1, id);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private static Connection connect(HostPort target) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + target + "/postgres?user=postgres&connectTimeout=5");
    }

    private static Jedis jedis(HostPort target) {
        return new Jedis(target.host(), target.port(), 5000);
    }
}
