package pretix.resilience.check;

import java.time.Instant;
import pretix.resilience.history.Operation;
import pretix.resilience.history.Outcome;

/** Synthetic operations for checker tests, times in milliseconds since the run began. */
final class Ops {

    private static long index;

    private Ops() {}

    static Operation op(long invokeMs, long completeMs, Outcome outcome) {
        return write("order", "k" + index, "v" + index, invokeMs, completeMs, outcome);
    }

    static Operation write(String type, String key, String value, long invokeMs, long completeMs, Outcome outcome) {
        return new Operation(index++, "p0", type, key, value, invokeMs * 1_000_000, completeMs * 1_000_000,
                Instant.EPOCH.plusMillis(invokeMs), Instant.EPOCH.plusMillis(completeMs), outcome,
                outcome == Outcome.OK ? null : "error", null, 0, false);
    }

    static long ms(long millis) {
        return millis * 1_000_000;
    }
}
