package pretix.resilience.result;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * One benchmark run on a machine of {@code cores} cores: the stack's time to ready per launch,
 * our proxy's cost against HAProxy's hop, orders through the full stack closed loop and at fixed
 * open-loop rates, and what the harness itself used at the highest rate; with every goal judged,
 * unless the run was quick.
 */
public record BenchReport(String profile, int cores, Instant measuredAt, boolean quick, List<Double> readySeconds,
                          ProxyOverhead proxy, ClosedLoop closedLoop, List<CapacityStep> fixedRates, HarnessUse harness,
                          List<BenchGoal.GoalResult> goals) {

    /** The report with its goals judged: none for a quick run. */
    public static BenchReport judged(String profile, int cores, Instant measuredAt, boolean quick, List<Double> readySeconds,
                                     ProxyOverhead proxy, ClosedLoop closedLoop, List<CapacityStep> fixedRates,
                                     HarnessUse harness) {
        BenchReport unjudged = new BenchReport(profile, cores, measuredAt, quick, readySeconds, proxy, closedLoop,
                fixedRates, harness, List.of());
        return quick ? unjudged : new BenchReport(profile, cores, measuredAt, false, readySeconds, proxy, closedLoop,
                fixedRates, harness, Arrays.stream(BenchGoal.values()).map(goal -> goal.judge(unjudged)).toList());
    }

    public long goalsMet() {
        return goals.stream().filter(BenchGoal.GoalResult::met).count();
    }
}
