package pretix.resilience.roles;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import pretix.resilience.stack.Profile;
import pretix.resilience.stack.Tier;
import pretix.resilience.stack.Topology;

class RoleSnapshotTest {

    private static final Topology SEED = Topology.defaults(Profile.SEED);

    private static final List<PgpoolView.Backend> BACKENDS_PG0_PRIMARY = List.of(
            new PgpoolView.Backend("pg0", "up", "primary"), new PgpoolView.Backend("pg1", "up", "standby"));

    @Test
    void agreesOnThePrimaryWhenOneNodeIsPrimaryAndEveryReachablePgpoolNamesIt() {
        RoleSnapshot snapshot = postgres(List.of(primary("pg0"), standby("pg1")), List.of(
                new PgpoolView("pgpool0", true, BACKENDS_PG0_PRIMARY, null, null),
                PgpoolView.unreachable("pgpool1", "connection refused")));

        assertThat(snapshot.postgresPrimaries()).containsExactly("pg0");
        assertThat(snapshot.agreedPostgresPrimary()).contains("pg0");
    }

    @Test
    void twoPrimariesOrAPgpoolThatDisagreesIsNoAgreement() {
        var pgpool = new PgpoolView("pgpool0", true, BACKENDS_PG0_PRIMARY, null, null);
        assertThat(postgres(List.of(primary("pg0"), primary("pg1")), List.of(pgpool)).agreedPostgresPrimary()).isEmpty();

        var stale = new PgpoolView("pgpool1", true, List.of(new PgpoolView.Backend("pg0", "down", "standby"),
                new PgpoolView.Backend("pg1", "up", "primary")), null, null);
        assertThat(postgres(List.of(primary("pg0"), standby("pg1")), List.of(pgpool, stale)).agreedPostgresPrimary())
                .isEmpty();
    }

    @Test
    void agreesOnTheMasterOnlyWhenSentinelsNameItAndEveryHaproxyRoutesToItAlone() {
        var redis = List.of(new RedisNodeState("redis0", true, "master", null, null, 1, null),
                new RedisNodeState("redis1", true, "slave", "redis0", "connected", 0, null));
        var sentinels = List.of(new SentinelView("sentinel0", true, "redis0", 1, 2, null),
                SentinelView.unreachable("sentinel1", "timeout"));
        var oneRoute = new HaproxyView("haproxy0", true, List.of("redis0"), Map.of(), true, null);
        var twoRoutes = new HaproxyView("haproxy1", true, List.of("redis0", "redis1"), Map.of(), true, null);

        assertThat(redis(redis, sentinels, List.of(oneRoute)).agreedRedisMaster()).contains("redis0");
        assertThat(redis(redis, sentinels, List.of(oneRoute, twoRoutes)).agreedRedisMaster()).isEmpty();
        assertThat(redis(redis, List.of(new SentinelView("sentinel2", true, "redis1", 1, 2, null)), List.of(oneRoute))
                .agreedRedisMaster()).isEmpty();
    }

    @Test
    void countsAsHealthyOnlyTheNodesThatDoTheirJob() {
        var stalledStandby = new PostgresNodeState("pg2", true, true, "waiting", List.of(), null);
        var snapshot = new RoleSnapshot(Instant.EPOCH,
                List.of(primary("pg0", "pg1", "pg2"), standby("pg1"), stalledStandby,
                        PostgresNodeState.unreachable("pg3", "down")),
                List.of(), List.of(), List.of(), List.of(),
                List.of(new WebView("shop0", true, 200, null), new WebView("shop1", true, 503, "database: timeout")),
                List.of(WebView.unreachable("nginx0", "refused")),
                List.of(new ToxiproxyView("toxiproxy0", true, List.of(), null)));

        assertThat(snapshot.healthy(Tier.POSTGRES)).isEqualTo(2);
        assertThat(snapshot.healthy(Tier.SHOP)).isEqualTo(1);
        assertThat(snapshot.healthy(Tier.NGINX)).isZero();
        assertThat(snapshot.healthy(Tier.TOXIPROXY)).isEqualTo(1);
    }

    @Test
    void aStandbyThatStreamsButNotFromThePrimaryIsNotHealthy() {
        var oneFromElsewhere = postgres(List.of(primary("pg1", "pg2"), standby("pg0"), standby("pg2")), List.of());
        var noneListed = postgres(List.of(primary("pg1"), standby("pg0"), standby("pg2")), List.of());

        assertThat(oneFromElsewhere.healthy(Tier.POSTGRES)).isEqualTo(2);
        assertThat(noneListed.healthy(Tier.POSTGRES)).isEqualTo(1);
    }

    @Test
    void aCompleteStackWithOneAgreedWriterHasNoProblems() {
        assertThat(seedStack(Map.of()).problems(SEED)).isEmpty();
    }

    @Test
    void clientsBoundThroughAnHaproxyToANodeThatIsNotTheMasterAreAProblemThatNoWaitUndoes() {
        RoleSnapshot snapshot = seedStack(Map.of("redis0", 3, "redis1", 5));

        assertThat(snapshot.pinnedSessions())
                .containsExactly("haproxy1 holds 3 client sessions on redis0, which is not the master redis1");
        assertThat(snapshot.problems(SEED)).isEqualTo(snapshot.pinnedSessions());
    }

    @Test
    void anIncompleteTierOrAnHaproxyRoutingToTwoNodesIsAProblem() {
        RoleSnapshot complete = seedStack(Map.of());
        var oneShopDown = new RoleSnapshot(Instant.EPOCH, complete.postgres(), complete.pgpools(), complete.redis(),
                complete.sentinels(), complete.haproxies(),
                List.of(new WebView("shop0", true, 200, null), new WebView("shop1", true, 503, "cache: READONLY")),
                complete.nginxes(), complete.toxiproxy());
        assertThat(oneShopDown.problems(SEED)).containsExactly("shop: 1 of 2 healthy");

        var twoRoutes = new RoleSnapshot(Instant.EPOCH, complete.postgres(), complete.pgpools(), complete.redis(),
                complete.sentinels(), List.of(complete.haproxies().get(0),
                new HaproxyView("haproxy1", true, List.of("redis0", "redis1"), Map.of("redis0", 2), true, null)),
                complete.shops(), complete.nginxes(), complete.toxiproxy());
        assertThat(twoRoutes.problems(SEED))
                .containsExactly("no Redis master that every sentinel and HAProxy names (masters [redis1])");
    }

    /** The seed topology's nodes, all doing their job, redis1 the master; haproxy1 holds the given sessions. */
    private static RoleSnapshot seedStack(Map<String, Integer> haproxy1Sessions) {
        var pgpool = List.of(new PgpoolView.Backend("pg0", "up", "primary"), new PgpoolView.Backend("pg1", "up", "standby"),
                new PgpoolView.Backend("pg2", "up", "standby"));
        return new RoleSnapshot(Instant.EPOCH, List.of(primary("pg0", "pg1", "pg2"), standby("pg1"), standby("pg2")),
                List.of(new PgpoolView("pgpool0", true, pgpool, null, null),
                        new PgpoolView("pgpool1", true, pgpool, null, null)),
                List.of(new RedisNodeState("redis0", true, "slave", "redis1", "connected", 0, null),
                        new RedisNodeState("redis1", true, "master", null, null, 2, null),
                        new RedisNodeState("redis2", true, "slave", "redis1", "connected", 0, null)),
                List.of(new SentinelView("sentinel0", true, "redis1", 2, 2, null),
                        new SentinelView("sentinel1", true, "redis1", 2, 2, null),
                        new SentinelView("sentinel2", true, "redis1", 2, 2, null)),
                List.of(new HaproxyView("haproxy0", true, List.of("redis1"), Map.of("redis1", 4), true, null),
                        new HaproxyView("haproxy1", true, List.of("redis1"), haproxy1Sessions, true, null)),
                List.of(new WebView("shop0", true, 200, null), new WebView("shop1", true, 200, null)),
                List.of(new WebView("nginx0", true, 200, null), new WebView("nginx1", true, 200, null)),
                List.of(new ToxiproxyView("toxiproxy0", true, List.of(), null)));
    }

    /** A primary whose pg_stat_replication lists the given standbys as streaming. */
    private static PostgresNodeState primary(String node, String... streamingStandbys) {
        return new PostgresNodeState(node, true, false, null, Arrays.stream(streamingStandbys)
                .map(standby -> new PostgresNodeState.Replica(standby, "streaming", "sync", 0, 0)).toList(), null);
    }

    private static PostgresNodeState standby(String node) {
        return new PostgresNodeState(node, true, true, "streaming", List.of(), null);
    }

    private static RoleSnapshot postgres(List<PostgresNodeState> nodes, List<PgpoolView> pgpools) {
        return new RoleSnapshot(Instant.EPOCH, nodes, pgpools, List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of());
    }

    private static RoleSnapshot redis(List<RedisNodeState> nodes, List<SentinelView> sentinels,
                                      List<HaproxyView> haproxies) {
        return new RoleSnapshot(Instant.EPOCH, List.of(), List.of(), nodes, sentinels, haproxies, List.of(), List.of(),
                List.of());
    }
}
