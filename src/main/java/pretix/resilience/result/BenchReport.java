package pretix.resilience.result;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * One benchmark run on a machine of {@code cores} cores: the stack's time to ready per launch,
 * our proxy's cost against HAProxy's hop, orders through the full stack closed loop and at fixed
 * open-loop rates, and what the harness itself used at the highest rate, each order phase
 * measured as often as the plan says (every repeat is kept, the goals judge medians); with every
 * goal judged, unless the run was quick.
 */
public record BenchReport(String profile, int cores, Instant measuredAt, boolean quick, List<Double> readySeconds,
                          ProxyOverhead proxy, List<ClosedLoop> closedLoops, List<CapacityStep> fixedRates,
                          List<HarnessUse> harness, List<BenchGoal.GoalResult> goals) {

    /** The report with its goals judged: none for a quick run. */
    public static BenchReport judged(String profile, int cores, Instant measuredAt, boolean quick, List<Double> readySeconds,
                                     ProxyOverhead proxy, List<ClosedLoop> closedLoops, List<CapacityStep> fixedRates,
                                     List<HarnessUse> harness) {
        BenchReport unjudged = new BenchReport(profile, cores, measuredAt, quick, readySeconds, proxy, closedLoops,
                fixedRates, harness, List.of());
        return quick ? unjudged : new BenchReport(profile, cores, measuredAt, false, readySeconds, proxy, closedLoops,
                fixedRates, harness, Arrays.stream(BenchGoal.values()).map(goal -> goal.judge(unjudged)).toList());
    }

    public double readySecondsMedian() {
        return Median.of(readySeconds.stream().mapToDouble(Double::doubleValue).toArray());
    }

    public double closedLoopOrdersPerSecond() {
        return Median.of(closedLoops.stream().mapToDouble(ClosedLoop::ordersPerSecond).toArray());
    }

    public double closedLoopP99Ms() {
        return Median.of(closedLoops.stream().mapToDouble(ClosedLoop::p99Ms).toArray());
    }

    /** Load generator and checkers at the highest fixed rate, in cores, the median over the repeats. */
    public double harnessCores() {
        return Median.of(harness.stream().mapToDouble(HarnessUse::cores).toArray());
    }

    public long goalsMet() {
        return goals.stream().filter(BenchGoal.GoalResult::met).count();
    }
}
