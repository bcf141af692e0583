package pretix.resilience.history;

import java.time.Instant;

/**
 * One operation of a run: who invoked it, what it did, when (monotonic nanoseconds since the
 * run began, and wall clock), how it ended and, where known, which node served it. For an
 * order, {@code key} is its idempotency key and {@code value} its code once acknowledged.
 *
 * <p>Arrivals are open loop: {@code invokeNanos} is the intended start, the moment the arrival
 * schedule asked for the operation, whatever the system under test was doing then, and latency
 * counts from it (no coordinated omission). {@code sendLagNanos} is how much later the
 * harness actually sent it (the harness's own lag; 0 in histories recorded before arrivals had
 * an intended start). A {@code shed} operation was never sent: the bound on operations in flight
 * was reached at its intended start; it is a {@code fail}, certainly without effect, and counts
 * against availability.
 */
public record Operation(long index, String process, String type, String key, String value,
                        long invokeNanos, long completeNanos, Instant invokedAt, Instant completedAt,
                        Outcome outcome, String error, String node, long sendLagNanos, boolean shed) {

    public boolean ok() {
        return outcome == Outcome.OK;
    }

    /** Whether the operation was in flight at some moment of {@code [from, to)}. */
    public boolean overlaps(long fromNanos, long toNanos) {
        return invokeNanos < toNanos && completeNanos >= fromNanos;
    }

    /** From the intended start to the answer. */
    public long latencyNanos() {
        return completeNanos - invokeNanos;
    }
}
