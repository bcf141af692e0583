package pretix.resilience.check;

import static org.assertj.core.api.Assertions.assertThat;
import static pretix.resilience.check.Ops.ms;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import pretix.resilience.history.FaultEvent;
import pretix.resilience.history.Operation;
import pretix.resilience.history.OperationKind;
import pretix.resilience.history.Outcome;

class DisruptionTest {

    private static final Duration STABILITY = Duration.ofSeconds(2);
    /** Frozen from 3 s to 13 s; the run ends at 25 s. */
    private static final FaultEvent FREEZE = new FaultEvent("pause", "redis.master", "redis0", ms(3000), Instant.EPOCH,
            ms(13_000), Instant.EPOCH);

    @Test
    void failuresOnlyAfterTheHealAreAHealDisruptionThatRecoveryTimeDoesNotSee() {
        // Redis writes through haproxy0 every 100 ms, refused when sent from 13.7 s to 22.8 s (NOREPLICAS on the
        // thawed master): from just after the last refused one, sent at 22.7 s, every new write succeeded.
        List<Operation> history = writes("redis-write", "haproxy0", 13_700, 22_800);

        Disruption disruption = Disruption.of(OperationKind.REDIS_WRITES, history, FREEZE, ms(25_000), STABILITY,
                ms(25_000));

        assertThat(disruption.recoveryMs()).isZero();
        assertThat(disruption.healDisruptionMs()).isEqualTo(9700L);
        assertThat(disruption.afterHeal()).isEqualTo(120);
        assertThat(disruption.afterHealOk()).isEqualTo(120 - 91);
        assertThat(disruption.availabilityUnderFault()).isEqualTo(1.0);
    }

    @Test
    void aRelapseAfterACleanStartCountsUntilTheLastFailure() {
        // The restarted old master takes writes for 10 s, then refuses them until its HAProxy marks it down.
        List<Operation> history = writes("redis-write", "haproxy0", 23_000, 24_000);

        Disruption disruption = Disruption.of(OperationKind.REDIS_WRITES, history, FREEZE, ms(30_000), STABILITY,
                ms(30_000));

        assertThat(disruption.healDisruptionMs()).isEqualTo(10_900L);
        assertThat(Disruption.of(OperationKind.REDIS_WRITES, history, FREEZE, ms(25_000), STABILITY, ms(25_000))
                .healDisruptionMs()).as("no stable window observed after the last failure").isNull();
    }

    @Test
    void aFailureSentBeforeTheHealIsTheFaultsNotTheHeals() {
        List<Operation> history = writes("order", "nginx0", 0, 0);
        history.add(new Operation(999, "buyer", "order", "late", null, ms(12_900), ms(13_400), Instant.EPOCH,
                Instant.EPOCH, Outcome.UNKNOWN, "HTTP 500", "nginx0", 0, false));

        Disruption disruption = Disruption.of(OperationKind.ORDERS, history, FREEZE, ms(25_000), STABILITY, ms(25_000));

        assertThat(disruption.healDisruptionMs()).isZero();
        assertThat(disruption.afterHeal()).isEqualTo(120);
    }

    @Test
    void aProbePinnedToTheFaultedNodeIsLeftOutButAnOrderThroughItIsNot() {
        FaultEvent haproxyKilled = new FaultEvent("kill", "haproxy.any", "haproxy1", ms(3000), Instant.EPOCH,
                ms(13_000), Instant.EPOCH);
        List<Operation> probes = writes("redis-write", "haproxy1", 3000, 14_000);
        probes.addAll(writes("redis-write", "haproxy0", 0, 0));

        Disruption disruption = Disruption.of(OperationKind.REDIS_WRITES, probes, haproxyKilled, ms(25_000), STABILITY,
                ms(25_000));

        assertThat(disruption.recoveryMs()).isZero();
        assertThat(disruption.healDisruptionMs()).isZero();
        assertThat(Disruption.of(OperationKind.ORDERS, writes("order", "haproxy1", 3000, 14_000), haproxyKilled,
                ms(25_000), STABILITY, ms(25_000)).healDisruptionMs()).isEqualTo(900L);
    }

    @Test
    void aLaterFaultsFailuresAreNotARelapseOfAnEarlierHealedOne() {
        // The freeze is healed at 13 s and settles; a second fault from 20 s to 25 s fails every write
        // sent from 20 s until 26 s.
        FaultEvent killed = new FaultEvent("kill", "redis.master", "redis1", ms(20_000), Instant.EPOCH, ms(25_000),
                Instant.EPOCH);
        List<Operation> history = writes("redis-write", "haproxy0", 20_000, 26_000);
        // One sent before the kill, still running when it came, failing after it: the kill's.
        history.add(new Operation(999, "probe", "redis-write", "held", null, ms(19_950), ms(21_000), Instant.EPOCH,
                Instant.EPOCH, Outcome.UNKNOWN, "Read timed out", "haproxy0", 0, false));
        List<FaultRecovery> faults = FaultRecovery.of(history, List.of(FREEZE, killed), STABILITY, ms(30_000));

        assertThat(faults.get(0).on(OperationKind.REDIS_WRITES).orElseThrow().healDisruptionMs())
                .as("the freeze's heal disruption, seen until the kill").isZero();
        assertThat(faults.get(1).on(OperationKind.REDIS_WRITES).orElseThrow().healDisruptionMs()).isEqualTo(900L);
        assertThat(faults.get(1).on(OperationKind.REDIS_WRITES).orElseThrow().recoveryMs()).isEqualTo(5905L);
        List<FaultRecovery> overlapping = FaultRecovery.of(history, List.of(FREEZE, new FaultEvent("kill",
                "redis.master", "redis1", ms(10_000), Instant.EPOCH, ms(25_000), Instant.EPOCH)), STABILITY, ms(30_000));
        assertThat(overlapping.get(0).on(OperationKind.REDIS_WRITES).orElseThrow().healDisruptionMs())
                .as("a fault injected before this one's heal is not where its history ends").isEqualTo(12_900L);
    }

    /** One operation every 100 ms from 0 to 30 s through {@code node}, failing when sent in [failFromMs, failToMs). */
    private static List<Operation> writes(String type, String node, long failFromMs, long failToMs) {
        List<Operation> operations = new ArrayList<>();
        for (long t = 0; t < 30_000; t += 100) {
            boolean fails = t >= failFromMs && t < failToMs;
            operations.add(new Operation(t, "probe", type, node + t, null, ms(t), ms(t + 5), Instant.EPOCH, Instant.EPOCH,
                    fails ? Outcome.FAIL : Outcome.OK, fails ? "NOREPLICAS" : null, node, 0, false));
        }
        return operations;
    }
}
