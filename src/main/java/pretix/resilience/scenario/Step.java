package pretix.resilience.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import pretix.resilience.fault.Fault;

/**
 * One fault of a timeline: injected {@code offset} after the steady state, or after the previous
 * step's injection when {@code afterPrevious}, and healed {@code heldFor} later. An offset may be
 * a range that the run's seed picks from.
 */
public record Step(DurationRange offset, boolean afterPrevious, Fault fault, Duration heldFor) {

    /** At the start of the faulted phase. */
    public static Step of(Fault fault, Duration heldFor) {
        return at(Duration.ZERO, fault, heldFor);
    }

    /** {@code at} after the steady state. */
    public static Step at(Duration at, Fault fault, Duration heldFor) {
        return new Step(DurationRange.exactly(at), false, fault, heldFor);
    }

    /** The timeline with every offset fixed and counted from the steady state; the same seed gives the same schedule. */
    public static List<Step> schedule(List<Step> timeline, Random random) {
        List<Step> scheduled = new ArrayList<>();
        Duration previous = Duration.ZERO;
        for (Step step : timeline) {
            Duration offset = step.offset().pick(random);
            Duration at = step.afterPrevious() ? previous.plus(offset) : offset;
            scheduled.add(at(at, step.fault(), step.heldFor()));
            previous = at;
        }
        return scheduled;
    }

    /** When a scheduled step is injected, after the steady state. */
    public Duration at() {
        if (afterPrevious || !offset.min().equals(offset.max())) {
            throw new IllegalStateException("step " + fault.describe() + " at " + offset + " is not scheduled yet");
        }
        return offset.min();
    }
}
