package pretix.resilience.check;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import pretix.resilience.history.FaultEvent;
import pretix.resilience.history.Operation;
import pretix.resilience.history.OperationKind;
import pretix.resilience.history.Outcome;

/**
 * One fault's effect on buyers: when it was injected and healed (ms since the run began), its
 * recovery time (null: no clean window before the run ended) and the time from which every newly
 * sent order succeeded (null as well in results recorded before it was measured), and the orders
 * that failed or ended unknown from its injection until the next fault or the end; {@code
 * operations} is what it did to each kind of operation, the heal included (empty in results
 * recorded before it was measured).
 */
public record FaultRecovery(String fault, String node, long injectedMs, Long healedMs, Long recoveryMs,
                            Long newOrdersRecoveryMs, int orders, int failedOrders, int unknownOrders,
                            List<Disruption> operations) {

    public FaultRecovery {
        operations = operations == null ? List.of() : operations;
    }

    /**
     * What each fault did, to the operations invoked from its injection until the next fault's
     * injection or {@code endNanos}, the run's end; recovery by the definitions with a stability
     * window of {@code stability}, seen until the first fault injected after this one's heal: a
     * later fault's failures, and those of operations still running when it came, are that fault's,
     * not a relapse of this one (faults one after another, as random faults come, would otherwise
     * each carry every later outage).
     */
    public static List<FaultRecovery> of(List<Operation> operations, List<FaultEvent> faults, Duration stability,
                                         long endNanos) {
        List<Operation> orders = operations.stream()
                .filter(operation -> operation.type().equals(OperationKind.ORDERS.type())).toList();
        List<FaultRecovery> recoveries = new ArrayList<>();
        for (int i = 0; i < faults.size(); i++) {
            FaultEvent fault = faults.get(i);
            long until = i + 1 < faults.size() ? faults.get(i + 1).injectedNanos() : endNanos;
            long seenUntil = fault.healedNanos() == null ? endNanos : faults.stream().mapToLong(FaultEvent::injectedNanos)
                    .filter(at -> at >= fault.healedNanos()).min().orElse(endNanos);
            List<Operation> affected = orders.stream()
                    .filter(order -> order.invokeNanos() >= fault.injectedNanos() && order.invokeNanos() < until)
                    .toList();
            List<Disruption> disruptions = Arrays.stream(OperationKind.values())
                    .map(kind -> Disruption.of(kind, operations, fault, until, stability, seenUntil)).toList();
            recoveries.add(new FaultRecovery(fault.describe(), fault.node(), fault.injectedNanos() / 1_000_000,
                    fault.healedNanos() == null ? null : fault.healedNanos() / 1_000_000,
                    disruptions.get(OperationKind.ORDERS.ordinal()).recoveryMs(),
                    RecoveryTime.ofNewRequests(orders.stream().filter(order -> order.completeNanos() < seenUntil).toList(),
                            fault.injectedNanos(), fault.healedNanos() == null ? until : fault.healedNanos(), stability,
                            seenUntil)
                            .map(Duration::toMillis).orElse(null),
                    affected.size(), count(affected, Outcome.FAIL), count(affected, Outcome.UNKNOWN), disruptions));
        }
        return recoveries;
    }

    private static int count(List<Operation> operations, Outcome outcome) {
        return (int) operations.stream().filter(operation -> operation.outcome() == outcome).count();
    }

    /**
     * What this fault did to one kind of operation; in a result recorded before every kind was
     * measured, orders alone, from the order figures.
     */
    public Optional<Disruption> on(OperationKind kind) {
        if (operations.isEmpty()) {
            return kind == OperationKind.ORDERS ? Optional.of(new Disruption(kind.id(), recoveryMs, null, orders,
                    orders - failedOrders - unknownOrders, 0, 0)) : Optional.empty();
        }
        return operations.stream().filter(disruption -> disruption.operations().equals(kind.id())).findFirst();
    }
}
