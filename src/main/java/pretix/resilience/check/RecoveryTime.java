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
 */
public final class RecoveryTime {

    private RecoveryTime() {}

    public static Optional<Duration> of(List<Operation> operations, long injectedNanos, Duration stability,
                                        long endNanos) {
        long window = stability.toNanos();
        List<Operation> failures = operations.stream()
                .filter(operation -> !operation.ok() && operation.completeNanos() >= injectedNanos)
                .sorted(Comparator.comparingLong(Operation::invokeNanos))
                .toList();
        long start = injectedNanos;
        for (Operation failure : failures) {
            if (failure.overlaps(start, start + window)) {
                start = Math.max(start, failure.completeNanos());
            } else if (failure.invokeNanos() >= start + window) {
                break;
            }
        }
        long lastCompletion = operations.stream().mapToLong(Operation::completeNanos).max().orElse(0);
        if (start + window > Math.min(endNanos, lastCompletion)) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos(start - injectedNanos));
    }
}
