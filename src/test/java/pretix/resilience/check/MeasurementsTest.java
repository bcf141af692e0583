package pretix.resilience.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static pretix.resilience.check.Ops.ms;
import static pretix.resilience.check.Ops.write;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import pretix.resilience.history.FaultEvent;
import pretix.resilience.history.Operation;
import pretix.resilience.history.OperationKind;
import pretix.resilience.history.Outcome;

/** The measurements a run's result is made of, over synthetic histories. */
class MeasurementsTest {

    private static final Duration STABILITY = Duration.ofSeconds(2);

    @Test
    void eachFaultCountsTheOrdersInvokedUntilTheNextFaultAndRecoversOnItsOwn() {
        // Orders every 100 ms for 30 s, each taking 50 ms: failing when sent from 5.0 to 6.4 s (the first fault),
        // unknown from 15.0 to 15.2 s; each fault recovers when its last failure ends (6.45 s, 15.25 s).
        List<Operation> operations = new ArrayList<>();
        for (long t = 0; t < 30_000; t += 100) {
            Outcome outcome = t >= 5_000 && t < 6_500 ? Outcome.FAIL : t >= 15_000 && t < 15_300 ? Outcome.UNKNOWN
                    : Outcome.OK;
            operations.add(write("order", "o" + t, null, t, t + 50, outcome));
        }
        FaultEvent first = new FaultEvent("kill", "shop.any", "shop0", ms(5_000), Instant.EPOCH, ms(8_000),
                Instant.EPOCH);
        FaultEvent second = new FaultEvent("kill", "nginx.any", "nginx1", ms(15_000), Instant.EPOCH, null, null);

        List<FaultRecovery> recoveries = FaultRecovery.of(operations, List.of(first, second), STABILITY, ms(30_000));

        assertThat(recoveries).hasSize(2);
        assertThat(recoveries.get(0)).extracting(FaultRecovery::injectedMs, FaultRecovery::healedMs,
                FaultRecovery::recoveryMs, FaultRecovery::orders, FaultRecovery::failedOrders,
                FaultRecovery::unknownOrders).containsExactly(5_000L, 8_000L, 1_450L, 100, 15, 0);
        assertThat(recoveries.get(1)).extracting(FaultRecovery::healedMs, FaultRecovery::recoveryMs,
                FaultRecovery::orders, FaultRecovery::unknownOrders).containsExactly(null, 250L, 150, 3);
        assertThat(recoveries.get(0).operations()).extracting(Disruption::operations)
                .containsExactlyElementsOf(OperationKind.ids());
    }

    @Test
    void onlyARefusalAsReadOnlyIsAWriteToTheWrongNode() {
        List<Operation> redis = List.of(failed("redis-write", "READONLY You can't write against a read only replica."),
                failed("redis-write", "NOREPLICAS Not enough good replicas to write."),
                write("redis-write", "k", "v", 0, 5, Outcome.OK));
        List<Operation> postgres = List.of(failed("pg-write", "ERROR: cannot execute INSERT in a read-only transaction"),
                failed("pg-write", "The connection attempt failed."));

        assertThat(WrongNodeWrites.of(redis, postgres)).isEqualTo(new WrongNodeWrites(1, 1));
    }

    @Test
    void latencyPercentilesAreOverAcknowledgedOperationsOnly() {
        List<Operation> operations = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            operations.add(write("order", "o" + i, null, 0, i * 10L, Outcome.OK));
        }
        operations.add(write("order", "slow-but-failed", null, 0, 60_000, Outcome.UNKNOWN));

        LatencySummary latency = LatencySummary.of(operations);

        assertThat(latency.count()).isEqualTo(100);
        assertThat(latency.p50Ms()).isCloseTo(500, within(1.0));
        assertThat(latency.p99Ms()).isCloseTo(990, within(1.0));
        assertThat(latency.maxMs()).isCloseTo(1000, within(1.0));
    }

    private static Operation failed(String type, String error) {
        Operation write = write(type, "k", "v", 0, 5, Outcome.FAIL);
        return new Operation(write.index(), write.process(), type, "k", "v", write.invokeNanos(), write.completeNanos(),
                write.invokedAt(), write.completedAt(), Outcome.FAIL, error, null, 0, false);
    }
}
