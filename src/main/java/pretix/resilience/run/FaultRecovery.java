package pretix.resilience.run;

import java.util.List;
import java.util.Optional;
import pretix.resilience.check.Disruption;
import pretix.resilience.history.OperationKind;

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
