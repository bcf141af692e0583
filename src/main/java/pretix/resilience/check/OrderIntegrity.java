package pretix.resilience.check;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import pretix.resilience.history.Operation;
import pretix.resilience.history.Outcome;

/**
 * Whether the orders survived: every acknowledged order on the primary and on every standby,
 * no order in the database that no buyer was told about or could have caused, no quota
 * oversold, and the {@code unknown} outcomes reconciled by asking the shop again under the
 * same idempotency key.
 *
 * @param lost acknowledged codes absent on the primary
 * @param missingOnStandbys per standby, acknowledged codes it lacks after catch-up
 * @param unexplained codes in the database that are neither acknowledged nor the result of an unknown order
 * @param unknownCommitted unknown orders the reconciliation found placed
 * @param unknownNotCommitted unknown orders the reconciliation found not placed
 * @param oversold quotas with more positions than their size
 */
public record OrderIntegrity(int acknowledged, List<String> lost, Map<String, List<String>> missingOnStandbys,
                             List<String> unexplained, int unknown, int unknownCommitted, int unknownNotCommitted,
                             List<QuotaState> oversold) {

    /** A quota at the end of a run: its size (null: unlimited) and the positions that count into it. */
    public record QuotaState(String name, Integer size, int used) {

        public boolean oversold() {
            return size != null && used > size;
        }
    }

    /**
     * @param reconciled per idempotency key of an unknown order: the code the shop answers with
     *                   now, or null when it placed no order under that key
     * @param codesByNode order codes found on each PostgreSQL node at the end
     */
    public static OrderIntegrity of(List<Operation> orders, Map<String, String> reconciled, String primary,
                                    Map<String, Set<String>> codesByNode, List<QuotaState> quotas) {
        List<String> acknowledged = orders.stream().filter(Operation::ok).map(Operation::value).toList();
        Set<String> onPrimary = codesByNode.getOrDefault(primary, Set.of());
        List<String> lost = acknowledged.stream().filter(code -> !onPrimary.contains(code)).toList();
        Map<String, List<String>> missing = new LinkedHashMap<>();
        codesByNode.forEach((node, codes) -> {
            if (!node.equals(primary)) {
                missing.put(node, acknowledged.stream().filter(code -> !codes.contains(code)).toList());
            }
        });
        List<Operation> unknown = orders.stream().filter(order -> order.outcome() == Outcome.UNKNOWN).toList();
        Set<String> explained = new HashSet<>(acknowledged);
        int committed = 0;
        for (Operation order : unknown) {
            String code = reconciled.get(order.key());
            if (code != null) {
                explained.add(code);
                committed++;
            }
        }
        List<String> unexplained = new ArrayList<>(onPrimary.stream().filter(code -> !explained.contains(code))
                .sorted().toList());
        return new OrderIntegrity(acknowledged.size(), lost, missing, unexplained, unknown.size(), committed,
                unknown.size() - committed, quotas.stream().filter(QuotaState::oversold).toList());
    }

    public int lostOnStandbys() {
        return missingOnStandbys.values().stream().mapToInt(List::size).sum();
    }

    public boolean intact() {
        return lost.isEmpty() && lostOnStandbys() == 0 && unexplained.isEmpty() && oversold.isEmpty();
    }
}
