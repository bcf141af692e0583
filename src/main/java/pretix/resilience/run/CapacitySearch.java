package pretix.resilience.run;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import pretix.resilience.engine.Engine;
import pretix.resilience.history.History;
import pretix.resilience.history.RunClock;
import pretix.resilience.result.CapacityReport;
import pretix.resilience.result.CapacityStep;
import pretix.resilience.stack.DeployedStack;
import pretix.resilience.workload.OrderTarget;

/**
 * Raises the open-loop order rate in steps on a healthy stack, without faults, until a step
 * misses its objectives, and reports each step with the CPU every tier used: the highest rate
 * the stack sustains on this machine, and which tier was busiest where it gave out.
 */
public final class CapacitySearch {

    /** The rates to try ({@code from}, then {@code step} more each time, up to {@code to}), and the objectives of each. */
    public record Settings(double from, double step, double to, Duration stepLength, Duration p99Limit,
                           Duration clientTimeout) {

        public List<Double> rates() {
            List<Double> rates = new ArrayList<>();
            for (double rate = from; rate <= to + 1e-9; rate += step) {
                rates.add(rate);
            }
            return rates;
        }
    }

    private final Engine engine;
    private final Consumer<String> progress;

    public CapacitySearch(Engine engine, Consumer<String> progress) {
        this.engine = engine;
        this.progress = progress;
    }

    public CapacityReport search(DeployedStack stack, Settings settings) throws IOException, InterruptedException {
        OrderTarget target = OrderTarget.create(stack, settings.clientTimeout(),
                "capacity" + Long.toHexString(System.nanoTime()), 1_000_000_000);
        List<CapacityStep> steps = new ArrayList<>();
        Instant started = Instant.now();
        try (SteadyRate rates = new SteadyRate(engine, stack, target)) {
            for (double rate : settings.rates()) {
                CapacityStep step = rates.hold(rate, settings.stepLength(), settings.p99Limit(), settings.clientTimeout(),
                        new History(new RunClock()));
                steps.add(step);
                progress.accept(String.format("  %6.1f orders/s: %5.1f %% ok, %d shed, p50 %.0f ms, p99 %.0f ms, max %.0f"
                                + " ms; CPU %.2f cores, busiest node %s (%.2f) -> %s", rate, step.availability() * 100,
                        step.load().shed(), step.latency().p50Ms(), step.latency().p99Ms(), step.latency().maxMs(),
                        step.totalCores(), step.busiestNode(), step.coresByNode().getOrDefault(step.busiestNode(), 0.0),
                        step.sustained() ? "sustained" : "missed"));
                if (!step.sustained()) {
                    break;
                }
            }
        }
        return new CapacityReport(stack.profile().id(), Runtime.getRuntime().availableProcessors(), started,
                settings.stepLength(), settings.p99Limit().toMillis(), steps);
    }
}
