package pretix.resilience.history;

import java.time.Instant;

/** Monotonic time since a run began, and the wall clock of any such moment. */
public final class RunClock {

    private final long startNanos = System.nanoTime();
    private final Instant startedAt = Instant.now();

    public long now() {
        return System.nanoTime() - startNanos;
    }

    public Instant wall(long nanos) {
        return startedAt.plusNanos(nanos);
    }

    public Instant startedAt() {
        return startedAt;
    }
}
