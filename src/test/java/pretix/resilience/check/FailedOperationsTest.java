package pretix.resilience.check;

import static org.assertj.core.api.Assertions.assertThat;
import static pretix.resilience.check.Ops.ms;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import pretix.resilience.history.Operation;
import pretix.resilience.history.Outcome;

class FailedOperationsTest {

    @Test
    void groupsFailuresByKindOutcomeAndErrorWithTheirNodesAndTimesFromTheInjection() {
        List<Operation> history = List.of(
                operation("order", 4000, 4100, Outcome.OK, null, "nginx0"),
                operation("order", 6000, 6050, Outcome.UNKNOWN, "HTTP 500", "nginx1"),
                operation("order", 7000, 7050, Outcome.UNKNOWN, "HTTP 500", "nginx0"),
                operation("order", 9000, 9100, Outcome.UNKNOWN, "HTTP 500", "nginx1"),
                operation("redis-write", 2000, 2001, Outcome.FAIL, "READONLY You can't write against a read only replica.",
                        "haproxy1"));

        List<FailedOperations> groups = FailedOperations.of(history, ms(5000));

        assertThat(groups).extracting(FailedOperations::describe).containsExactly(
                "3 order operations unknown (HTTP 500) through nginx0, nginx1 from +1.0 s to +4.1 s",
                "1 redis-write operation fail (READONLY You can't write against a read only replica.) through haproxy1"
                        + " from -3.0 s to -3.0 s");
    }

    @Test
    void aHistoryWithoutFailuresHasNoGroups() {
        assertThat(FailedOperations.of(List.of(operation("order", 0, 10, Outcome.OK, null, "nginx0")), 0)).isEmpty();
    }

    private static Operation operation(String type, long invokeMs, long completeMs, Outcome outcome, String error,
                                       String node) {
        return new Operation(invokeMs, "p", type, "k" + invokeMs, null, ms(invokeMs), ms(completeMs),
                Instant.EPOCH.plusMillis(invokeMs), Instant.EPOCH.plusMillis(completeMs), outcome, error, node, 0, false);
    }
}
