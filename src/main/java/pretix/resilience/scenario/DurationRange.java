package pretix.resilience.scenario;

import java.time.Duration;
import java.util.Random;

/** A point in time or a range ({@code 2s..8s}) from which a run's seed picks one. */
public record DurationRange(Duration min, Duration max) {

    public static DurationRange exactly(Duration duration) {
        return new DurationRange(duration, duration);
    }

    public Duration pick(Random random) {
        long span = max.toMillis() - min.toMillis();
        return span == 0 ? min : min.plusMillis(random.nextLong(span + 1));
    }

    @Override
    public String toString() {
        return min.equals(max) ? Durations.format(min) : Durations.format(min) + ".." + Durations.format(max);
    }
}
