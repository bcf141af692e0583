package pretix.resilience.run;

import java.time.Duration;

/**
 * When the observation after the last heal ends, in the mode that stops once the stack has
 * settled: not before {@code atLeast} after the heal; then as soon as every tier is complete and
 * the clients see a settled stack; at the latest {@code atMost} after every tier was first
 * complete again, so a rejoin that takes longer than usual is still followed by a full window
 * of load (without it, a failure just before the rejoin could not be shown to have ended); and,
 * when a tier never comes back, {@code redundancyBound} after the heal.
 */
final class AfterHealObservation {

    private final long healNanos;
    private final long atLeastNanos;
    private final long atMostNanos;
    private final long redundancyBoundNanos;
    private Long completeSinceNanos;

    AfterHealObservation(long healNanos, Duration atLeast, Duration atMost, Duration redundancyBound) {
        this.healNanos = healNanos;
        this.atLeastNanos = atLeast.toNanos();
        this.atMostNanos = atMost.toNanos();
        this.redundancyBoundNanos = Math.max(redundancyBound.toNanos(), atMost.toNanos());
    }

    /** Whether to stop observing at {@code nowNanos}, given what the samples and clients show then. */
    boolean over(long nowNanos, boolean complete, boolean settled) {
        if (complete && completeSinceNanos == null) {
            completeSinceNanos = nowNanos;
        }
        if (complete && settled && nowNanos - healNanos >= atLeastNanos) {
            return true;
        }
        long deadline = completeSinceNanos == null ? healNanos + redundancyBoundNanos
                : completeSinceNanos + atMostNanos;
        return nowNanos >= deadline;
    }
}
