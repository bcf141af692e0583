package pretix.resilience.check;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import pretix.resilience.history.Operation;
import pretix.resilience.history.OperationKind;

/**
 * Whether the clients see a settled stack at a moment: every operation that ended in the
 * stability window before it succeeded, and every kind of operation ended at least once in that
 * window (a kind that went silent is not settled, it may be hanging).
 */
public final class Settled {

    private Settled() {}

    public static boolean at(List<Operation> operations, long nowNanos, Duration stability,
                             Collection<OperationKind> kinds) {
        long from = nowNanos - stability.toNanos();
        List<Operation> recent = operations.stream()
                .filter(operation -> operation.completeNanos() >= from && operation.completeNanos() <= nowNanos)
                .toList();
        return recent.stream().allMatch(Operation::ok) && kinds.stream()
                .allMatch(kind -> recent.stream().anyMatch(operation -> kind.type().equals(operation.type()))
                        && windowAfterLastFailureEnded(operations, kind, nowNanos, stability));
    }

    /**
     * The stability window after the last failed operation of a kind, counted from when it was
     * sent, has been seen to end: an operation of the kind completed after it. Without this the
     * observation could stop when the last failure had ended 2 s ago but had been sent 2 s ago
     * less a few milliseconds, and the heal disruption ({@link RecoveryTime#settling}) could not
     * be judged: "still disrupted when the run ended" (seen once in CI).
     */
    private static boolean windowAfterLastFailureEnded(List<Operation> operations, OperationKind kind, long nowNanos,
                                                       Duration stability) {
        List<Operation> ofKind = operations.stream().filter(operation -> kind.type().equals(operation.type()))
                .filter(operation -> operation.completeNanos() <= nowNanos).toList();
        long lastFailure = ofKind.stream().filter(operation -> !operation.ok()).mapToLong(Operation::invokeNanos)
                .max().orElse(Long.MIN_VALUE);
        long lastCompletion = ofKind.stream().mapToLong(Operation::completeNanos).max().orElse(Long.MIN_VALUE);
        return lastFailure == Long.MIN_VALUE || lastFailure + 1 + stability.toNanos() <= lastCompletion;
    }
}
