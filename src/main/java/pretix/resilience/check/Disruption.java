package pretix.resilience.check;

import java.time.Duration;
import java.util.List;
import pretix.resilience.history.FaultEvent;
import pretix.resilience.history.Operation;
import pretix.resilience.history.OperationKind;

/**
 * What one fault did to one kind of operation, as docs/definitions.md defines the figures: the
 * recovery time from the injection, the disruption after the heal, and how many operations
 * succeeded under the fault and after the heal. Operations of a kind pinned to the node the
 * fault hit are left out: no user request takes that path.
 *
 * @param recoveryMs       null: no stable window before the run ended (or the next fault after the heal)
 * @param healDisruptionMs from the heal until just after the last operation sent since then that
 *                         failed; null when the fault was never healed, or when the run did not
 *                         show a stable window after that last failure before it ended or the next
 *                         fault came
 */
public record Disruption(String operations, Long recoveryMs, Long healDisruptionMs, int underFault, int underFaultOk,
                         int afterHeal, int afterHealOk) {

    /**
     * @param untilNanos the next fault's injection, or the end of the run
     * @param endNanos   how far the history is seen: the end of the run, or the first fault injected after this one's
     *                   heal; an operation still running then ends in that fault's time, and is that fault's
     */
    public static Disruption of(OperationKind kind, List<Operation> history, FaultEvent fault, long untilNanos,
                                Duration stability, long endNanos) {
        List<Operation> operations = history.stream().filter(operation -> operation.type().equals(kind.type()))
                .filter(operation -> !kind.pinnedToNode() || !fault.node().equals(operation.node()))
                .filter(operation -> operation.completeNanos() < endNanos).toList();
        long healed = fault.healedNanos() == null ? untilNanos : fault.healedNanos();
        List<Operation> underFault = invoked(operations, fault.injectedNanos(), healed);
        List<Operation> afterHeal = invoked(operations, healed, untilNanos);
        return new Disruption(kind.id(), millis(RecoveryTime.of(operations, fault.injectedNanos(), healed, stability, endNanos)
                .orElse(null)), fault.healedNanos() == null ? null
                : millis(RecoveryTime.settling(operations, healed, stability, endNanos).orElse(null)),
                underFault.size(), ok(underFault), afterHeal.size(), ok(afterHeal));
    }

    /** ok / invoked after the heal; 1 when nothing was invoked then, which nothing contradicts. */
    public double availabilityAfterHeal() {
        return afterHeal == 0 ? 1.0 : afterHealOk / (double) afterHeal;
    }

    /** ok / invoked under the fault; 1 when nothing was invoked then. */
    public double availabilityUnderFault() {
        return underFault == 0 ? 1.0 : underFaultOk / (double) underFault;
    }

    private static List<Operation> invoked(List<Operation> operations, long fromNanos, long toNanos) {
        return operations.stream()
                .filter(operation -> operation.invokeNanos() >= fromNanos && operation.invokeNanos() < toNanos).toList();
    }

    private static int ok(List<Operation> operations) {
        return (int) operations.stream().filter(Operation::ok).count();
    }

    private static Long millis(Duration duration) {
        return duration == null ? null : duration.toMillis();
    }
}
