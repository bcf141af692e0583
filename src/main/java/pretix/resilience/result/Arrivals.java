package pretix.resilience.result;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * How a workload's arrivals are spaced at a given rate: {@code constant}, one every 1/rate
 * seconds (wrk2's schedule: runs compare exactly), or {@code poisson}, independent arrivals with
 * exponential gaps of mean 1/rate (buyers who do not coordinate, as Gatling's open model and
 * Locust's many users send them), drawn from the run's seed so that a run repeats.
 */
public enum Arrivals {
    CONSTANT, POISSON;

    /** The gap before each next arrival, in nanoseconds; {@code seed} draws the Poisson gaps. */
    public LongSupplier gaps(double perSecond, long seed) {
        double mean = TimeUnit.SECONDS.toNanos(1) / perSecond;
        Random random = new Random(seed);
        return switch (this) {
            case CONSTANT -> () -> Math.round(mean);
            // Inverse transform of a uniform draw in (0, 1]: never log(0).
            case POISSON -> () -> Math.round(-mean * Math.log(1 - random.nextDouble()));
        };
    }

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
