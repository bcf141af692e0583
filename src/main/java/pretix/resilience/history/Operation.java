package pretix.resilience.history;

import java.time.Instant;

/**
 * One operation of a run: who invoked it, what it did, when (monotonic nanoseconds since the
 * run began, and wall clock), how it ended and, where known, which node served it. For an
 * order, {@code key} is its idempotency key and {@code value} its code once acknowledged.
 */
public record Operation(long index, String process, String type, String key, String value,
                        long invokeNanos, long completeNanos, Instant invokedAt, Instant completedAt,
                        Outcome outcome, String error, String node) {

    public boolean ok() {
        return outcome == Outcome.OK;
    }

    /** Whether the operation was in flight at some moment of {@code [from, to)}. */
    public boolean overlaps(long fromNanos, long toNanos) {
        return invokeNanos < toNanos && completeNanos >= fromNanos;
    }

    public long latencyNanos() {
        return completeNanos - invokeNanos;
    }
}
