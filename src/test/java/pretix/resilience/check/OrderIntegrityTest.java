package pretix.resilience.check;

import static org.assertj.core.api.Assertions.assertThat;
import static pretix.resilience.check.Ops.write;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import pretix.resilience.check.OrderIntegrity.QuotaState;
import pretix.resilience.history.Outcome;

class OrderIntegrityTest {

    private final List<pretix.resilience.history.Operation> orders = List.of(
            write("order", "key-a", "AAAAA", 0, 10, Outcome.OK),
            write("order", "key-b", "BBBBB", 10, 20, Outcome.OK),
            write("order", "key-c", null, 20, 30, Outcome.UNKNOWN),
            write("order", "key-d", null, 30, 40, Outcome.UNKNOWN),
            write("order", "key-e", null, 40, 50, Outcome.FAIL));

    @Test
    void everythingAcknowledgedEverywhereAndUnknownsReconciledIsIntact() {
        Map<String, String> reconciled = new HashMap<>();
        reconciled.put("key-c", "CCCCC");
        reconciled.put("key-d", null);
        Set<String> codes = Set.of("AAAAA", "BBBBB", "CCCCC");

        var integrity = OrderIntegrity.of(orders, reconciled, "pg1", Map.of("pg1", codes, "pg2", codes),
                List.of(new QuotaState("Tickets", 3, 3)));

        assertThat(integrity.intact()).isTrue();
        assertThat(integrity.acknowledged()).isEqualTo(2);
        assertThat(integrity.unknown()).isEqualTo(2);
        assertThat(integrity.unknownCommitted()).isEqualTo(1);
        assertThat(integrity.unknownNotCommitted()).isEqualTo(1);
    }

    @Test
    void findsLostOrdersMissingReplicasUnexplainedOrdersAndOversoldQuotas() {
        var integrity = OrderIntegrity.of(orders, Map.of(), "pg1",
                Map.of("pg1", Set.of("AAAAA", "ZZZZZ"), "pg2", Set.of("AAAAA", "BBBBB")),
                List.of(new QuotaState("Tickets", 1, 2), new QuotaState("Unlimited", null, 50)));

        assertThat(integrity.intact()).isFalse();
        assertThat(integrity.lost()).containsExactly("BBBBB");
        assertThat(integrity.missingOnStandbys()).containsEntry("pg2", List.of());
        assertThat(integrity.unexplained()).containsExactly("ZZZZZ");
        assertThat(integrity.oversold()).extracting(QuotaState::name).containsExactly("Tickets");
    }

    @Test
    void aStandbyThatLacksAnAcknowledgedOrderIsReported() {
        var integrity = OrderIntegrity.of(orders, Map.of(), "pg1",
                Map.of("pg1", Set.of("AAAAA", "BBBBB"), "pg0", Set.of("AAAAA")), List.of());

        assertThat(integrity.missingOnStandbys()).containsEntry("pg0", List.of("BBBBB"));
        assertThat(integrity.lostOnStandbys()).isEqualTo(1);
    }
}
