package pretix.resilience.slo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import pretix.resilience.history.OperationKind;
import pretix.resilience.ProjectHome;

class SloKindTest {

    @Test
    void theScenarioFilesDocumentationShowsEveryKindAsTheRegistryDeclaresIt() throws Exception {
        String readme = Files.readString(ProjectHome.directory().resolve("scenarios/README.md"));

        assertThat(readme).contains(SloKind.table());
    }

    @Test
    void eachKindMakesTheObjectiveWhoseIdItIsKnownBy() {
        SloKind.Values values = new SloKind.Values() {
            public Duration duration() {
                return Duration.ofSeconds(5);
            }

            public Double fraction() {
                return 0.5;
            }

            public Integer count() {
                return 2;
            }

            public SloKind.PerOperations perOperations() {
                return new SloKind.PerOperations(Duration.ofSeconds(5), EnumSet.of(OperationKind.ORDERS), false);
            }

            public Boolean alwaysTrue() {
                return true;
            }
        };

        for (SloKind<?> kind : SloKind.ALL) {
            assertThat(kind.read(values)).hasValueSatisfying(slo -> assertThat(slo.id()).isEqualTo(kind.id()));
            assertThat(SloKind.byId(kind.id())).containsSame(kind);
        }
        assertThat(SloKind.ids()).doesNotHaveDuplicates().hasSize(SloKind.ALL.size());
    }
}
