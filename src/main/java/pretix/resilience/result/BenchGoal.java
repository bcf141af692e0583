package pretix.resilience.result;

import java.util.function.ToDoubleFunction;

/**
 * What the benchmarks are measured against: goals for a machine of two cores, each judged from a
 * full run's medians (a quick run judges none: its phases are too short to mean anything).
 */
public enum BenchGoal {

    STACK_READY("stack ready, median of the launches", "s", 15, false, BenchReport::readySecondsMedian),
    SUSTAINED_ORDERS("orders/s sustained through the full stack, closed loop", "orders/s", 200, true,
            BenchReport::closedLoopOrdersPerSecond),
    SUSTAINED_P99("p99 of those orders", "ms", 250, false, BenchReport::closedLoopP99Ms),
    PROXY_AGAINST_HAPROXY("our proxy's throughput as a share of HAProxy's hop", "", 1.0, true,
            report -> report.proxy().throughputAgainstHaproxy()),
    HARNESS_CPU("load generator and checkers at the highest fixed rate", "of one core", 0.25, false,
            BenchReport::harnessCores);

    private final String description;
    private final String unit;
    private final double target;
    private final boolean atLeast;
    private final ToDoubleFunction<BenchReport> figure;

    BenchGoal(String description, String unit, double target, boolean atLeast, ToDoubleFunction<BenchReport> figure) {
        this.description = description;
        this.unit = unit;
        this.target = target;
        this.atLeast = atLeast;
        this.figure = figure;
    }

    /** This goal's figure in the report, against its target. */
    public GoalResult judge(BenchReport report) {
        double measured = figure.applyAsDouble(report);
        String goal = (atLeast ? "≥ " : "≤ ") + number(target) + (unit.isEmpty() ? "" : " " + unit);
        return new GoalResult(description, measured, unit, goal, atLeast ? measured >= target : measured <= target);
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    /** One goal judged: its figure, unit, target in words, and whether the figure met it. */
    public record GoalResult(String goal, double measured, String unit, String target, boolean met) {}
}
