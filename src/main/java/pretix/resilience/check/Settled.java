package pretix.resilience.check;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import pretix.resilience.history.Operation;
import pretix.resilience.history.OperationKind;

/**
 * Whether the clients see a settled stack at a moment: every operation that ended in the
 * stability window before it succeeded, every kind of operation ended at least once in that
 * window (a kind that went silent is not settled, it may be hanging), and, for every kind, the
 * history already shows what {@link RecoveryTime#settling} needs to judge the disruption since
 * {@code sinceNanos}: a whole window after the last failure was sent. Without the last, an
 * observation stopped when the last failure had ended 2 s ago but had been sent some 20 ms less than
 * 2 s before the last completion, and the heal disruption read "still disrupted when the run
 * ended" (seen once in CI).
 */
public final class Settled {

    private Settled() {}

    public static boolean at(List<Operation> operations, long sinceNanos, long nowNanos, Duration stability,
                             Collection<OperationKind> kinds) {
        List<Operation> ended = operations.stream().filter(operation -> operation.completeNanos() <= nowNanos).toList();
        long from = nowNanos - stability.toNanos();
        List<Operation> recent = ended.stream().filter(operation -> operation.completeNanos() >= from).toList();
        return recent.stream().allMatch(Operation::ok) && kinds.stream()
                .allMatch(kind -> recent.stream().anyMatch(operation -> kind.type().equals(operation.type()))
                        && RecoveryTime.settling(ended.stream().filter(operation -> kind.type().equals(operation.type()))
                                .toList(), sinceNanos, stability, nowNanos).isPresent());
    }
}
