package pretix.resilience.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import pretix.resilience.fault.Fault;

/**
 * A generated timeline, as Jepsen's generators draw a nemesis schedule: faults drawn from a set
 * at random, one at a time (so never two on one tier), each held for a time drawn from {@code
 * hold} and followed by a quiet time drawn from {@code gap}, the first after a gap, until {@code
 * length} after the steady state has passed. The run's seed draws the schedule, so a seed
 * repeats it exactly; a {@code .any} target is resolved when the fault fires, as in any timeline.
 */
public record RandomFaults(Duration length, DurationRange hold, DurationRange gap, List<Fault> faults) {

    public RandomFaults {
        faults = List.copyOf(faults);
        if (faults.isEmpty()) {
            throw new IllegalArgumentException("random faults need at least one fault to draw from");
        }
    }

    /** The schedule the seed's {@code random} draws: every step's offset fixed, counted from the steady state. */
    public List<Step> draw(Random random) {
        List<Step> steps = new ArrayList<>();
        for (Duration at = gap.pick(random); at.compareTo(length) < 0; ) {
            Fault fault = faults.get(random.nextInt(faults.size()));
            Duration held = hold.pick(random);
            steps.add(Step.at(at, fault, held));
            at = at.plus(held).plus(gap.pick(random));
        }
        return steps;
    }

    /** "random for 5m, each held 5s..15s, 10s..20s apart: kill redis.master | kill shop.any". */
    public String describe() {
        return "random for " + Durations.format(length) + ", each held " + hold + ", " + gap + " apart: "
                + faults.stream().map(Fault::describe).collect(Collectors.joining(" | "));
    }
}
