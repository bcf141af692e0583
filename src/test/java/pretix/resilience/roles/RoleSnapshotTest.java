package pretix.resilience.roles;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import pretix.resilience.stack.Tier;

class RoleSnapshotTest {

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
        var oneRoute = new HaproxyView("haproxy0", true, List.of("redis0"), true, null);
        var twoRoutes = new HaproxyView("haproxy1", true, List.of("redis0", "redis1"), true, null);

        assertThat(redis(redis, sentinels, List.of(oneRoute)).agreedRedisMaster()).contains("redis0");
        assertThat(redis(redis, sentinels, List.of(oneRoute, twoRoutes)).agreedRedisMaster()).isEmpty();
        assertThat(redis(redis, List.of(new SentinelView("sentinel2", true, "redis1", 1, 2, null)), List.of(oneRoute))
                .agreedRedisMaster()).isEmpty();
    }

    @Test
    void countsAsHealthyOnlyTheNodesThatDoTheirJob() {
        var stalledStandby = new PostgresNodeState("pg2", true, true, "waiting", List.of(), null);
        var snapshot = new RoleSnapshot(Instant.EPOCH,
                List.of(primary("pg0"), standby("pg1"), stalledStandby, PostgresNodeState.unreachable("pg3", "down")),
                List.of(), List.of(), List.of(), List.of(),
                List.of(new WebView("shop0", true, 200, null), new WebView("shop1", true, 503, "database: timeout")),
                List.of(WebView.unreachable("nginx0", "refused")),
                List.of(new ToxiproxyView("toxiproxy0", true, List.of(), null)));

        assertThat(snapshot.healthy(Tier.POSTGRES)).isEqualTo(2);
        assertThat(snapshot.healthy(Tier.SHOP)).isEqualTo(1);
        assertThat(snapshot.healthy(Tier.NGINX)).isZero();
        assertThat(snapshot.healthy(Tier.TOXIPROXY)).isEqualTo(1);
    }

    private static PostgresNodeState primary(String node) {
        return new PostgresNodeState(node, true, false, null, List.of(), null);
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
