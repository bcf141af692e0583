package pretix.resilience.scenario;

import java.time.Duration;
import pretix.resilience.fault.Fault;

/**
 * One fault of a scenario's timeline: injected {@code offset} after the steady state, or after
 * the previous entry's injection when {@code afterPrevious}; healed {@code duration} later.
 */
public record TimelineEntry(DurationRange offset, boolean afterPrevious, Fault fault, Duration duration) {}
