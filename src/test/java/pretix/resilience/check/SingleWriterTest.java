package pretix.resilience.check;

import static org.assertj.core.api.Assertions.assertThat;
import static pretix.resilience.check.Ops.ms;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import pretix.resilience.history.RoleSample;

class SingleWriterTest {

    private static RoleSample sample(long atMs, List<String> primaries, List<String> masters) {
        return new RoleSample(ms(atMs), primaries, masters, List.of("redis0"), Map.of(), null);
    }

    @Test
    void measuresEachWindowWithTwoWritersFromItsFirstSampleToTheFirstWithout() {
        var samples = List.of(
                sample(0, List.of("pg0"), List.of("redis0")),
                sample(250, List.of("pg0"), List.of("redis0", "redis1")),
                sample(500, List.of("pg0"), List.of("redis0", "redis2")),
                sample(750, List.of("pg0"), List.of("redis1")),
                sample(1000, List.of("pg0", "pg1"), List.of("redis1")));

        var check = SingleWriter.of(samples, ms(1200));

        assertThat(check.splitBrains()).hasSize(2);
        assertThat(check.splitBrains().get(0).kind()).isEqualTo("postgres primaries");
        assertThat(check.splitBrains().get(0).durationMs()).isEqualTo(200);
        assertThat(check.splitBrains().get(1).writers()).containsExactly("redis0", "redis1", "redis2");
        assertThat(check.splitBrains().get(1).durationMs()).isEqualTo(500);
        assertThat(check.longestSplitBrainMs()).isEqualTo(500);
        assertThat(check.longestSamplingGapMs()).isEqualTo(250);
    }

    @Test
    void sentinelsThatDisagreeAreReportedApartFromTwoWriters() {
        var disagreeing = new RoleSample(ms(250), List.of("pg0"), List.of("redis1"), List.of("redis0", "redis1"), Map.of(),
                null);
        var check = SingleWriter.of(List.of(sample(0, List.of("pg0"), List.of("redis0")), disagreeing,
                sample(500, List.of("pg0"), List.of("redis1"))), ms(600));

        assertThat(check.splitBrains()).isEmpty();
        assertThat(check.sentinelDisagreements()).singleElement()
                .satisfies(window -> assertThat(window.durationMs()).isEqualTo(250));
    }

    @Test
    void oneWriterThroughoutIsNoSplitBrain() {
        var check = SingleWriter.of(List.of(sample(0, List.of("pg0"), List.of("redis0")),
                sample(300, List.of(), List.of())), ms(400));

        assertThat(check.splitBrains()).isEmpty();
        assertThat(check.longestSamplingGapMs()).isEqualTo(300);
    }
}
