package pretix.resilience.result;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import pretix.resilience.check.LatencySummary;
import pretix.resilience.check.OfferedLoad;
import pretix.resilience.report.CapacityMarkdown;

class CapacityReportTest {

    private static final Map<String, Double> TIERS = Map.of("shop", 0.3, "postgres", 0.6, "nginx", 0.1);
    private static final Map<String, Double> NODES = Map.of("shop0", 0.15, "shop1", 0.15, "pg0", 0.55, "pg1", 0.05,
            "nginx0", 0.1);

    @Test
    void theSustainedRateIsTheLastOneMetBeforeTheFirstMiss() {
        CapacityReport report = report(step(2, true), step(4, true), step(6, false), step(8, true));

        assertThat(report.sustained()).map(CapacityStep::offeredPerSecond).contains(4.0);
        assertThat(report.firstMissed()).map(CapacityStep::offeredPerSecond).contains(6.0);
        assertThat(report.firstMissed()).map(CapacityStep::busiestTier).contains("postgres");
        assertThat(report.firstMissed()).map(CapacityStep::busiestNode).contains("pg0");
    }

    @Test
    void aFirstStepMissedSustainsNothing() {
        assertThat(report(step(2, false)).sustained()).isEmpty();
    }

    @Test
    void theCpuCountersSayWhetherTheMachineOneNodeOrNeitherLimitedAStep() {
        assertThat(step(6, false).cpuVerdict(2)).isEqualTo("not CPU (no node near one core, the machine below 90 %):"
                + " stack and harness 1.20 of 2 cores (busiest tier postgres 0.60, busiest node pg0 0.55, harness 0.20)");
        assertThat(step(6, false).cpuVerdict(1)).startsWith("the machine's CPU: stack and harness 1.20 of 1 cores");
        CapacityStep redisBound = new CapacityStep(6, load(6), latency(), 0.9, Map.of("redis", 0.95),
                Map.of("redis0", 0.95), 0.1, false);
        assertThat(redisBound.cpuVerdict(4)).startsWith("one core of redis0: ");
    }

    @Test
    void severalSearchesSustainTheirMedianRate() {
        CapacitySearches searches = new CapacitySearches("hardened", 2, Instant.EPOCH, List.of(
                report(step(2, true), step(4, true), step(6, false)),
                report(step(2, false)),
                report(step(2, true), step(4, true), step(6, true), step(8, false))));

        assertThat(searches.medianSustainedPerSecond()).isEqualTo(4.0);
        assertThat(searches.median()).map(search -> search.sustained().orElseThrow().offeredPerSecond()).contains(4.0);
        assertThat(CapacityMarkdown.summary(searches)).startsWith("hardened on 2 cores: sustained 4 orders/s, the median"
                + " of 3 searches (4, none, 6); the median search missed at 6 orders/s, limited by not CPU");
        assertThat(new CapacitySearches("seed", 2, Instant.EPOCH, List.of(report(step(2, true)), report(step(2, true),
                step(4, true)))).medianSustainedPerSecond()).as("the middle of an even number").isEqualTo(3.0);
    }

    private static CapacityReport report(CapacityStep... steps) {
        return new CapacityReport("hardened", 2, Instant.EPOCH, Duration.ofSeconds(20), 1000, List.of(steps));
    }

    private static CapacityStep step(double rate, boolean met) {
        return new CapacityStep(rate, load(rate), latency(), met ? 1.0 : 0.9, TIERS, NODES, 0.2, met);
    }

    private static OfferedLoad load(double rate) {
        return new OfferedLoad(40, 40, 0, 3, rate, rate, 1);
    }

    private static LatencySummary latency() {
        return new LatencySummary(40, 10, 20, 30, 30, 40);
    }
}
