package pretix.resilience.result;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import pretix.resilience.check.LatencySummary;
import pretix.resilience.check.OfferedLoad;

class CapacityReportTest {

    @Test
    void theSustainedRateIsTheLastOneMetBeforeTheFirstMiss() {
        CapacityReport report = report(step(2, true), step(4, true), step(6, false), step(8, true));

        assertThat(report.sustained()).map(CapacityStep::offeredPerSecond).contains(4.0);
        assertThat(report.firstMissed()).map(CapacityStep::offeredPerSecond).contains(6.0);
        assertThat(report.firstMissed()).map(CapacityStep::busiestTier).contains("postgres");
    }

    @Test
    void aFirstStepMissedSustainsNothing() {
        assertThat(report(step(2, false)).sustained()).isEmpty();
    }

    private static CapacityReport report(CapacityStep... steps) {
        return new CapacityReport("hardened", 2, Instant.EPOCH, Duration.ofSeconds(20), 1000, List.of(steps));
    }

    private static CapacityStep step(double rate, boolean met) {
        return new CapacityStep(rate, new OfferedLoad(40, 40, 0, 3, rate, rate, 1), new LatencySummary(40, 10, 20, 30, 30,
                40), met ? 1.0 : 0.9, Map.of("shop", 0.3, "postgres", 0.6, "nginx", 0.1), met);
    }
}
