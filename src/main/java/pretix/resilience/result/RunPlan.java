package pretix.resilience.result;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Duration;
import java.util.Objects;

/**
 * How a resilience run loads the stack and how long it watches: steady state before the first
 * fault, observation after the last heal, the order rate (constant, or a load profile in phases
 * whose first rate is {@code ordersPerSecond}), how orders arrive and how many may be
 * in flight before the next one due is shed, the probes' write rate, the client's timeout, the
 * stability window of the recovery-time definition, and how long to wait for every tier to be
 * complete again.
 *
 * <p>The observation after the heal lasts {@code afterHeal}, or, when {@code afterHealAtLeast}
 * is shorter, ends as soon as the stack has settled once that much has passed: every tier
 * complete and every operation of the last stability window a success.
 */
// Results recorded before arrivals were open loop had a number of buyers instead of maxInFlight.
@JsonIgnoreProperties({"buyers"})
public record RunPlan(Duration warmUp, Duration afterHeal, Duration afterHealAtLeast, double ordersPerSecond,
                      LoadProfile load, Arrivals arrivals, int maxInFlight, double probeWritesPerSecond, Duration clientTimeout,
                      Duration stability, Duration redundancyBound) {

    public RunPlan {
        // Results recorded before the settled observation existed observed for a fixed time.
        afterHealAtLeast = Objects.requireNonNullElse(afterHealAtLeast, afterHeal);
        arrivals = Objects.requireNonNullElse(arrivals, Arrivals.CONSTANT);
        load = Objects.requireNonNullElse(load, LoadProfile.NONE);
    }

    /** The order rate {@code offsetNanos} after the timeline's start (negative: in the steady state). */
    public double ordersPerSecondAt(long offsetNanos) {
        return load.perSecondAt(offsetNanos, ordersPerSecond);
    }

    /** "5 orders/s", or the load profile's phases. */
    public String describeRate() {
        return load.isEmpty() ? LoadPhase.rate(ordersPerSecond) + " orders/s" : "the load profile " + load.describe();
    }

    /**
     * A run short enough for CI: 3 s steady state, 5 orders/s at constant intervals (at most 1000
     * in flight), and after the heal at least 5 s, at most 10 s after every tier is complete again,
     * until the stack has settled. The rate leaves the stack under test, which shares the machine,
     * headroom on two slow cores: every order of an event takes the quota lock through its
     * synchronous commit, one after another, and open-loop arrivals at 10 orders/s outran a fresh
     * hardened stack (7 Dec: latency 1-4 s from the first second, then HTTP 409 as orders waited
     * out the lock's 3 s, with no fault in effect); buyers that waited for their own earlier orders
     * had hidden that.
     */
    public static RunPlan defaults() {
        return new RunPlan(Duration.ofSeconds(3), Duration.ofSeconds(10), Duration.ofSeconds(5), 5, LoadProfile.NONE,
                Arrivals.CONSTANT,
                1000, 10, Duration.ofSeconds(10), Duration.ofSeconds(2), Duration.ofSeconds(90));
    }

    /** Whether the observation after the heal ends once the stack has settled. */
    public boolean afterHealUntilSettled() {
        return afterHealAtLeast.compareTo(afterHeal) < 0;
    }
}
