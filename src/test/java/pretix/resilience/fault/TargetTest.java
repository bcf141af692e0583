package pretix.resilience.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import pretix.resilience.roles.RedisNodeState;
import pretix.resilience.roles.RoleSnapshot;
import pretix.resilience.stack.Node;
import pretix.resilience.stack.Profile;
import pretix.resilience.stack.Tier;
import pretix.resilience.stack.Topology;

class TargetTest {

    private static final Topology HARDENED = Topology.defaults(Profile.HARDENED);
    private static final Supplier<RoleSnapshot> NOT_OBSERVED = () -> {
        throw new AssertionError("a target by name or tier must not observe the stack");
    };

    @Test
    void aNodeByTierOrIndexOrNameIsFoundWithoutObservingTheStack() {
        assertThat(Target.parse("pgpool[1]", HARDENED).resolve(HARDENED, NOT_OBSERVED, new Random(1)))
                .isEqualTo("pgpool1");
        assertThat(Target.parse("pg2", HARDENED).resolve(HARDENED, NOT_OBSERVED, new Random(1))).isEqualTo("pg2");
        assertThat(Target.parse("shop.any", HARDENED).resolve(HARDENED, NOT_OBSERVED, new Random(1)))
                .isIn("shop0", "shop1");
    }

    @Test
    void aRoleIsWhoHoldsItNow() {
        RoleSnapshot redis2IsMaster = redis(new RedisNodeState("redis0", true, "slave", "redis2", "connected", 0, null),
                new RedisNodeState("redis1", true, "slave", "redis2", "down", 0, null),
                new RedisNodeState("redis2", true, "master", null, null, 1, null));

        assertThat(Target.parse("redis.master", HARDENED).resolve(HARDENED, () -> redis2IsMaster, new Random(1)))
                .isEqualTo("redis2");
        assertThat(Target.parse("redis.replica.any", HARDENED).resolve(HARDENED, () -> redis2IsMaster, new Random(1)))
                .as("the only replica whose link is up").isEqualTo("redis0");
        assertThatThrownBy(() -> Target.parse("postgres.primary", HARDENED)
                .resolve(HARDENED, () -> redis2IsMaster, new Random(1))).hasMessageContaining("no PostgreSQL primary");
    }

    private static RoleSnapshot redis(RedisNodeState... nodes) {
        return new RoleSnapshot(Instant.EPOCH, List.of(), List.of(), List.of(nodes), List.of(), List.of(), List.of(),
                List.of(), List.of());
    }

    @Test
    void eachFormParsesToItsKindAndAnUnknownNameSaysSo() {
        assertThat(Target.parse(" Redis.Master ", HARDENED)).isEqualTo(Target.Role.REDIS_MASTER);
        assertThat(Target.parse("shop.any", HARDENED)).isEqualTo(new Target.AnyOf(Tier.SHOP));
        assertThat(Target.parse("haproxy[1]", HARDENED)).isEqualTo(new Target.Indexed(Tier.HAPROXY, 1))
                .extracting(Target::expression).isEqualTo("haproxy[1]");
        assertThat(Target.parse("sentinel2", HARDENED)).isEqualTo(new Target.Named(new Node(Tier.SENTINEL, 2)));
        assertThatThrownBy(() -> Target.parse("pg5", HARDENED)).isNotInstanceOf(Target.Unknown.class)
                .hasMessage("target 'pg5': the topology has 3 postgres nodes, pg0 to pg2 (postgres[0] to postgres[2])");
        assertThatThrownBy(() -> Target.parse("pgx", HARDENED)).isInstanceOf(Target.Unknown.class);
        assertThatThrownBy(() -> Target.parse("toxiproxy0", HARDENED)).isInstanceOf(Target.Unknown.class)
                .as("the harness's instrument is no target");
        assertThatThrownBy(() -> Target.parse("haproxy[2]", HARDENED)).isNotInstanceOf(Target.Unknown.class)
                .hasMessage("target 'haproxy[2]': the topology has 2 haproxy nodes, haproxy0 to haproxy1"
                        + " (haproxy[0] to haproxy[1])");
    }
}
