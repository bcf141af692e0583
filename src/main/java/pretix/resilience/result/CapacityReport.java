package pretix.resilience.result;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A capacity search: the order rate raised in steps on a healthy stack of {@code profile} until a
 * step misses its objectives (every due order acknowledged, none shed, p99 within {@code
 * p99LimitMs}), on a machine of {@code cores} cores. The sustained rate is the highest rate of the
 * steps met before the first miss.
 */
public record CapacityReport(String profile, int cores, Instant measuredAt, Duration stepLength, double p99LimitMs,
                             List<CapacityStep> steps) {

    public Optional<CapacityStep> sustained() {
        CapacityStep best = null;
        for (CapacityStep step : steps) {
            if (!step.sustained()) {
                break;
            }
            best = step;
        }
        return Optional.ofNullable(best);
    }

    /** The first step that missed, where the stack gave out; empty when every step was met. */
    public Optional<CapacityStep> firstMissed() {
        return steps.stream().filter(step -> !step.sustained()).findFirst();
    }
}
