package pretix.resilience.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import pretix.resilience.engine.PacketFilter;
import pretix.resilience.stack.Profile;
import pretix.resilience.stack.Tier;
import pretix.resilience.stack.Topology;
import pretix.resilience.ProjectHome;

class FaultKindTest {

    private static final FaultKind.Parameters TWO_SECONDS_OR_TEN = new FaultKind.Parameters() {
        public Double percent(String key) {
            return 0.3;
        }

        public Duration duration(String key) {
            return Duration.ofSeconds(2);
        }

        public Duration durationOr(String key, Duration fallback) {
            return Duration.ofSeconds(2);
        }

        public Integer count(String key) {
            return 10;
        }
    };

    @Test
    void theScenarioFilesDocumentationShowsEveryKindAsTheRegistryDeclaresIt() throws Exception {
        String readme = Files.readString(ProjectHome.directory().resolve("scenarios/README.md"));

        assertThat(readme).contains(FaultKind.table());
    }

    @Test
    void eachKindMakesTheFaultItNames() {
        Topology topology = Topology.defaults(Profile.HARDENED);
        for (FaultKind kind : FaultKind.values()) {
            Fault fault = switch (kind.acts()) {
                case ON_LINK -> kind.onLink("replication", TWO_SECONDS_OR_TEN).orElseThrow();
                case ON_NODE_TRAFFIC -> kind.onTraffic(Target.parse("haproxy[0]", topology), new Peers.OfTier(Tier.REDIS),
                        FaultKind.BOTH_WAYS, TWO_SECONDS_OR_TEN).orElseThrow();
                case BETWEEN_GROUPS -> kind.between(List.of(List.of(Target.parse("redis0", topology)),
                        List.of(Target.parse("sentinel.any", topology))), "in");
                case ON_NODE_RESOURCES, ON_REDIS, ON_POSTGRES_DISK -> kind.onResources(Target.parse("redis[0]", topology),
                        TWO_SECONDS_OR_TEN).orElseThrow();
                default -> kind.onNode(Target.parse("haproxy[0]", topology));
            };
            if (kind.acts() == FaultKind.Acts.ON_LINK) {
                assertThat(fault).as(kind.id()).isInstanceOf(LinkFault.class);
                assertThat(fault.describe()).endsWith(" on replication");
            } else if (kind.acts() == FaultKind.Acts.ON_NODE_TRAFFIC) {
                assertThat(fault).as(kind.id()).isInstanceOf(TrafficFault.class);
                assertThat(fault.describe()).startsWith(kind == FaultKind.LOSS ? "loss 30 % " : kind.id() + " ")
                        .endsWith(" haproxy[0] from redis");
                assertThat(fault.tier()).isEqualTo("haproxy");
            } else if (fault instanceof PartitionFault partition) {
                assertThat(partition.describe()).isEqualTo("partition redis0 | sentinel.any (in only)");
                assertThat(fault.tier()).isEqualTo("network");
            } else if (fault instanceof ResourceFault resource) {
                assertThat(resource.effect()).isInstanceOf(Map.of(FaultKind.OOM, ResourceEffect.OutOfMemory.class,
                        FaultKind.STARVE, ResourceEffect.CpuStarvation.class, FaultKind.DISK_FULL,
                        ResourceEffect.DiskFull.class).get(kind));
                assertThat(fault.describe()).isEqualTo(kind == FaultKind.STARVE ? "starve (30 % of a core) redis[0]"
                        : kind.id() + " redis[0]");
                assertThat(fault.tier()).isEqualTo("redis");
            } else {
                assertThat(fault.describe()).isEqualTo(kind.id() + " haproxy[0]");
            }
        }
        assertThat(FaultKind.LATENCY.onLink("replication", TWO_SECONDS_OR_TEN).orElseThrow().describe())
                .isEqualTo("latency 2000 ms ± 2000 ms on replication");
        assertThat(FaultKind.allParameterKeys())
                .containsExactly("latency", "jitter", "rate_kb", "timeout", "from", "direction", "loss", "cpu");
        assertThat(((TrafficFault) FaultKind.ISOLATE.onTraffic(Target.parse("redis.master", topology),
                new Peers.EveryOtherNode(), FaultKind.BOTH_WAYS, TWO_SECONDS_OR_TEN).orElseThrow()).effect()
                .filter(List.of(), PacketFilter.Direction.BOTH))
                .isEqualTo(new PacketFilter.Drop(List.of(), 1, PacketFilter.Direction.BOTH));
    }
}
