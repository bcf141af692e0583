package pretix.resilience.result;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.LongToDoubleFunction;
import java.util.function.LongUnaryOperator;

/**
 * How a workload's arrivals are spaced at a given rate: {@code constant}, one every 1/rate
 * seconds (wrk2's schedule: runs compare exactly), or {@code poisson}, independent arrivals with
 * exponential gaps of mean 1/rate (buyers who do not coordinate, as Gatling's open model and
 * Locust's many users send them), drawn from the run's seed so that a run repeats.
 */
public enum Arrivals {
    CONSTANT, POISSON;

    /** The gap from an arrival due at any time to the next, in nanoseconds, at one rate. */
    public LongUnaryOperator gaps(double perSecond, long seed) {
        return gaps(due -> perSecond, seed);
    }

    /**
     * The gap from an arrival due at a time (in nanoseconds) to the next, at the rate then: a ramp
     * is followed arrival by arrival. {@code seed} draws the Poisson gaps.
     */
    public LongUnaryOperator gaps(LongToDoubleFunction perSecondAt, long seed) {
        double second = TimeUnit.SECONDS.toNanos(1);
        Random random = new Random(seed);
        return switch (this) {
            case CONSTANT -> due -> Math.round(second / perSecondAt.applyAsDouble(due));
            // Inverse transform of a uniform draw in (0, 1]: never log(0).
            case POISSON -> due -> Math.round(-second / perSecondAt.applyAsDouble(due) * Math.log(1 - random.nextDouble()));
        };
    }

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
