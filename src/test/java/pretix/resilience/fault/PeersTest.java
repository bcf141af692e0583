package pretix.resilience.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import pretix.resilience.engine.PacketFilter;
import pretix.resilience.roles.RedisNodeState;
import pretix.resilience.roles.RoleSnapshot;
import pretix.resilience.stack.Profile;
import pretix.resilience.stack.Tier;
import pretix.resilience.stack.Topology;

/** Whom a traffic fault cuts its target from, and how a partition's groups must look. */
class PeersTest {

    private static final Topology HARDENED = Topology.defaults(Profile.HARDENED);
    private static final Supplier<RoleSnapshot> NOT_OBSERVED = () -> {
        throw new AssertionError("peers by name or tier must not observe the stack");
    };

    @Test
    void aTiersPeersAreItsNodesButTheTargetAndNoneMeansEveryOtherNode() {
        assertThat(new Peers.OfTier(Tier.PGPOOL).resolve(HARDENED, "pgpool0", NOT_OBSERVED, new Random(1)))
                .containsExactly("pgpool1", "pgpool2");
        assertThat(new Peers.OfTier(Tier.SENTINEL).resolve(HARDENED, "redis0", NOT_OBSERVED, new Random(1)))
                .containsExactly("sentinel0", "sentinel1", "sentinel2");
        assertThat(new Peers.EveryOtherNode().resolve(HARDENED, "redis0", NOT_OBSERVED, new Random(1))).isEmpty();
    }

    @Test
    void namedPeersAreResolvedWhenTheFaultFiresOnceEachAndNeverTheTargetItself() {
        RoleSnapshot redis1IsMaster = new RoleSnapshot(Instant.EPOCH, List.of(), List.of(), List.of(
                new RedisNodeState("redis0", true, "slave", "redis1", "connected", 0, null),
                new RedisNodeState("redis1", true, "master", null, null, 2, null),
                new RedisNodeState("redis2", true, "slave", "redis1", "connected", 0, null)),
                List.of(), List.of(), List.of(), List.of(), List.of());
        Peers peers = new Peers.Named(List.of(Target.parse("sentinel0", HARDENED), Target.Role.REDIS_MASTER,
                Target.parse("redis1", HARDENED)));

        assertThat(peers.resolve(HARDENED, "redis0", () -> redis1IsMaster, new Random(1)))
                .containsExactly("sentinel0", "redis1");
        assertThat(peers.describe()).isEqualTo(" from [sentinel0, redis.master, redis1]");
        assertThatThrownBy(() -> new Peers.Named(List.of(Target.parse("pg0", HARDENED)))
                .resolve(HARDENED, "pg0", NOT_OBSERVED, new Random(1)))
                .hasMessage("from [pg0]: every peer is the target itself");
    }

    @Test
    void aPartitionNeedsTwoGroupsOrMoreAndOneWayExactlyTwo() {
        List<Target> pgpool0 = List.of(Target.parse("pgpool0", HARDENED));
        List<Target> others = List.of(Target.parse("pgpool1", HARDENED), Target.parse("pgpool2", HARDENED));

        assertThatThrownBy(() -> new PartitionFault(List.of(pgpool0), PacketFilter.Direction.BOTH))
                .hasMessageContaining("two or more groups");
        assertThatThrownBy(() -> new PartitionFault(List.of(pgpool0, List.of()), PacketFilter.Direction.BOTH))
                .hasMessageContaining("of one node or more");
        assertThatThrownBy(() -> new PartitionFault(List.of(pgpool0, others, List.of(Target.parse("pg0", HARDENED))),
                PacketFilter.Direction.OUT)).hasMessageContaining("exactly two groups");
        assertThat(new PartitionFault(List.of(pgpool0, others), PacketFilter.Direction.OUT).describe())
                .isEqualTo("partition pgpool0 | pgpool1 pgpool2 (out only)");
    }
}
