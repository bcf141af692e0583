package pretix.resilience.scenario;

import java.time.Duration;
import pretix.resilience.fault.Fault;

/** One fault of a run's timeline: injected {@code after} the steady state, healed {@code heldFor} later. */
public record Step(Duration after, Fault fault, Duration heldFor) {

    public static Step of(Fault fault, Duration heldFor) {
        return new Step(Duration.ZERO, fault, heldFor);
    }
}
