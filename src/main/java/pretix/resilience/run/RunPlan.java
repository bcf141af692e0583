package pretix.resilience.run;

import java.time.Duration;

/**
 * How a resilience run loads the stack and how long it watches: steady state before the first
 * fault, observation after the last heal, the order rate and buyers, the probes' write rate,
 * the client's timeout, the stability window of the recovery-time definition, and how long to
 * wait for every tier to be complete again.
 */
public record RunPlan(Duration warmUp, Duration afterHeal, double ordersPerSecond, int buyers,
                      double probeWritesPerSecond, Duration clientTimeout, Duration stability,
                      Duration redundancyBound) {

    /** A run short enough for CI: 5 s steady state, 10 s after the heal, 20 orders/s. */
    public static RunPlan defaults() {
        return new RunPlan(Duration.ofSeconds(5), Duration.ofSeconds(10), 20, 16, 10, Duration.ofSeconds(10),
                Duration.ofSeconds(2), Duration.ofSeconds(90));
    }

    public RunPlan withAfterHeal(Duration duration) {
        return new RunPlan(warmUp, duration, ordersPerSecond, buyers, probeWritesPerSecond, clientTimeout, stability,
                redundancyBound);
    }
}
