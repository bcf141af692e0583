package pretix.resilience.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import pretix.resilience.stack.Profile;
import pretix.resilience.stack.Topology;
import pretix.resilience.ProjectHome;

class FaultKindTest {

    private static final FaultKind.Parameters TWO_SECONDS_OR_TEN = new FaultKind.Parameters() {
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
            Fault fault = kind.acts() == FaultKind.Acts.ON_LINK
                    ? kind.onLink("replication", TWO_SECONDS_OR_TEN).orElseThrow()
                    : kind.onNode(Target.parse("haproxy[0]", topology));
            if (kind.acts() == FaultKind.Acts.ON_LINK) {
                assertThat(fault).as(kind.id()).isInstanceOf(LinkFault.class);
                assertThat(fault.describe()).endsWith(" on replication");
            } else {
                assertThat(fault.describe()).isEqualTo(kind.id() + " haproxy[0]");
            }
        }
        assertThat(FaultKind.LATENCY.onLink("replication", TWO_SECONDS_OR_TEN).orElseThrow().describe())
                .isEqualTo("latency 2000 ms ± 2000 ms on replication");
        assertThat(FaultKind.allParameterKeys()).containsExactly("latency", "jitter", "rate_kb", "timeout");
    }
}
