package pretix.resilience.bench;

import java.time.Duration;
import java.util.List;

/**
 * How long and how often each benchmark measures: a full run for figures worth reporting, or a
 * quick one (a few seconds each) that proves every benchmark still starts and measures.
 *
 * @param launches stacks started one after the other for the time to ready; the last one is measured
 * @param proxyRounds rounds of the three hops, each {@code proxyRequests} SET and as many GET
 * @param warmUp closed-loop orders before the measured phase, not counted
 * @param phase each measured phase: the closed loop and every fixed rate
 * @param fixedRates open-loop rates held one after the other; the harness is measured at the last
 * @param orderRepeats how often the closed loop and the fixed rates are measured in turn; figures are their medians
 */
public record BenchPlan(boolean quick, int launches, int proxyRounds, int proxyRequests, int proxyClients, int manyClients,
                        Duration warmUp, Duration phase, int buyers, List<Double> fixedRates, int orderRepeats) {

    public static BenchPlan fullRun() {
        return new BenchPlan(false, 3, 3, 200_000, 50, 1000, Duration.ofSeconds(5), Duration.ofSeconds(20), 32,
                List.of(50.0, 200.0), 3);
    }

    public static BenchPlan quickRun() {
        return new BenchPlan(true, 1, 1, 10_000, 50, 1000, Duration.ofSeconds(1), Duration.ofSeconds(3), 32,
                List.of(50.0, 200.0), 1);
    }
}
