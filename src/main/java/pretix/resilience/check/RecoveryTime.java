package pretix.resilience.check;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import pretix.resilience.history.Operation;

/**
 * The recovery time of a fault: from its injection until the start of the first window of
 * {@code stability} in which every operation succeeded. Zero when nothing failed; empty when
 * the history ends before such a window was observed. A window without any operation proves
 * nothing, so the history ends with its last operation.
 *
 * <p>A fault may strike late: the kernel kills a node only once its memory runs out, sentinels
 * wait out their down-after. A clean window before the first failure of the fault's time in
 * effect is no recovery from an outage that has not begun: the window is looked for after it.
 *
 * <p>An operation sent before the recovery that fails after it (a request that hung on the
 * failed node until its timeout) holds the window open until it ends. {@link #ofNewRequests}
 * is the other reading: from when every newly sent operation succeeded.
 */
public final class RecoveryTime {

    private RecoveryTime() {}

    /** @param healedNanos the end of the fault's time in effect: a first failure sent after it is the heal's */
    public static Optional<Duration> of(List<Operation> operations, long injectedNanos, long healedNanos,
                                        Duration stability, long endNanos) {
        long window = stability.toNanos();
        List<Operation> failures = operations.stream()
                .filter(operation -> !operation.ok() && operation.completeNanos() >= injectedNanos)
                .sorted(Comparator.comparingLong(Operation::invokeNanos))
                .toList();
        long start = injectedNanos;
        boolean struck = false;
        for (Operation failure : failures) {
            boolean onset = !struck && failure.invokeNanos() < healedNanos;
            if (failure.invokeNanos() >= start + window && !onset) {
                break;
            }
            if (onset || failure.overlaps(start, start + window)) {
                start = Math.max(start, failure.completeNanos());
                struck = true;
            }
        }
        return observed(operations, injectedNanos, start, window, endNanos);
    }

    /**
     * From the injection until the start of the first window of {@code stability} in which every
     * operation sent succeeded, whatever became of those sent before the window. Zero when
     * every operation sent after the injection succeeded.
     */
    public static Optional<Duration> ofNewRequests(List<Operation> operations, long injectedNanos, long healedNanos,
                                                   Duration stability, long endNanos) {
        long window = stability.toNanos();
        List<Operation> failures = operations.stream()
                .filter(operation -> !operation.ok() && operation.invokeNanos() >= injectedNanos)
                .sorted(Comparator.comparingLong(Operation::invokeNanos))
                .toList();
        long start = injectedNanos;
        boolean struck = false;
        for (Operation failure : failures) {
            boolean onset = !struck && failure.invokeNanos() < healedNanos;
            if (failure.invokeNanos() >= start + window && !onset) {
                break;
            }
            start = failure.invokeNanos() + 1;
            struck = true;
        }
        return observed(operations, injectedNanos, start, window, endNanos);
    }

    /**
     * From {@code fromNanos} until just after the last operation sent since then that did not
     * succeed: the time the stack took to settle for good, relapses included. Zero when every
     * operation sent since then succeeded; empty when the history does not show {@code stability}
     * without a failure after the last one.
     */
    public static Optional<Duration> settling(List<Operation> operations, long fromNanos, Duration stability,
                                              long endNanos) {
        long lastFailure = operations.stream()
                .filter(operation -> !operation.ok() && operation.invokeNanos() >= fromNanos)
                .mapToLong(Operation::invokeNanos).max().orElse(fromNanos - 1);
        return observed(operations, fromNanos, lastFailure + 1, stability.toNanos(), endNanos);
    }

    private static Optional<Duration> observed(List<Operation> operations, long injectedNanos, long start, long window,
                                               long endNanos) {
        long lastCompletion = operations.stream().mapToLong(Operation::completeNanos).max().orElse(0);
        if (start + window > Math.min(endNanos, lastCompletion)) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos(start - injectedNanos));
    }
}
