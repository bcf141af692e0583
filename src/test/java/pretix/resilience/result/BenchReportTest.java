package pretix.resilience.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchReportTest {

    static BenchReport report(boolean quick, double oursRps, double harnessCores) {
        ProxyOverhead proxy = new ProxyOverhead(50, 1000, List.of(
                round(1000, oursRps, 500), round(1000, oursRps * 2, 500), round(1000, oursRps / 2, 500)),
                1000, new HopFigures(400, 1, 2));
        return BenchReport.judged("hardened", 2, Instant.parse("2026-12-07T15:00:00Z"), quick, List.of(31.0, 12.0, 14.0),
                proxy, List.of(new ClosedLoop(32, 30, 6300, 0, 150, 240), new ClosedLoop(32, 30, 9000, 0, 100, 200),
                        new ClosedLoop(32, 30, 3000, 0, 400, 900)), List.of(),
                List.of(new HarnessUse(200, 30, 6000, harnessCores, 600, 80), new HarnessUse(200, 30, 6000, 0.9, 0, 80),
                        new HarnessUse(200, 30, 6000, 0.01, 0, 80)));
    }

    private static ProxyOverhead.Round round(double direct, double ours, double haproxy) {
        return new ProxyOverhead.Round(new HopFigures(direct, 0.2, 1.0), new HopFigures(ours, 0.5, 2.0),
                new HopFigures(haproxy, 0.4, 1.5));
    }

    @Test
    void everyGoalIsJudgedFromTheMedianOfItsFigures() {
        BenchReport report = report(false, 500, 0.2);

        assertThat(report.goals()).extracting(BenchGoal.GoalResult::measured).containsExactly(14.0, 210.0, 240.0, 1.0,
                0.22);
        assertThat(report.goals()).extracting(BenchGoal.GoalResult::target)
                .containsExactly("≤ 15 s", "≥ 200 orders/s", "≤ 250 ms", "≥ 1", "≤ 0.25 of one core");
        assertThat(report.goalsMet()).isEqualTo(5);
    }

    @Test
    void aFigureOnTheWrongSideOfItsTargetMissesIt() {
        BenchReport report = report(false, 400, 0.3);

        assertThat(report.goals()).filteredOn(goal -> !goal.met()).extracting(BenchGoal.GoalResult::goal)
                .containsExactly(BenchGoal.PROXY_AGAINST_HAPROXY.judge(report).goal(),
                        BenchGoal.HARNESS_CPU.judge(report).goal());
    }

    @Test
    void aQuickRunJudgesNoGoal() {
        assertThat(report(true, 500, 0.2).goals()).isEmpty();
    }

    @Test
    void proxyFiguresAreMediansOverTheRounds() {
        ProxyOverhead proxy = report(false, 500, 0.2).proxy();

        assertThat(proxy.throughputRatio()).isCloseTo(0.5, within(1e-9));
        assertThat(proxy.haproxyThroughputRatio()).isCloseTo(0.5, within(1e-9));
        assertThat(proxy.addedP50Ms()).isCloseTo(0.3, within(1e-9));
        assertThat(proxy.addedP99Ms()).isCloseTo(1.0, within(1e-9));
        assertThat(proxy.haproxyAddedP99Ms()).isCloseTo(0.5, within(1e-9));
    }
}
