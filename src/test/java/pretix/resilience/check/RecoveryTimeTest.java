package pretix.resilience.check;

import static org.assertj.core.api.Assertions.assertThat;
import static pretix.resilience.check.Ops.ms;
import static pretix.resilience.check.Ops.op;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import pretix.resilience.history.Operation;
import pretix.resilience.history.Outcome;

class RecoveryTimeTest {

    private static final Duration STABILITY = Duration.ofSeconds(2);
    /** Each fault here is in effect from 3 s to 13 s. */
    private static final long HEALED = ms(13_000);

    /** One operation every 100 ms from 0 to 10 s, failing where {@code failing} says. */
    private static List<Operation> steadyLoad(long failFromMs, long failToMs) {
        List<Operation> operations = new ArrayList<>();
        for (long t = 0; t < 10_000; t += 100) {
            boolean fails = t >= failFromMs && t < failToMs;
            operations.add(op(t, t + 20, fails ? Outcome.FAIL : Outcome.OK));
        }
        return operations;
    }

    @Test
    void isZeroWhenNothingFailedAfterTheInjection() {
        assertThat(RecoveryTime.of(steadyLoad(0, 0), ms(3000), HEALED, STABILITY, ms(10_000))).contains(Duration.ZERO);
    }

    @Test
    void endsWhereTheFirstCleanWindowOfStabilityBegins() {
        // Injected at 3 s; failures from 3.2 s to 4.5 s; the last one completes at 4.42 s.
        assertThat(RecoveryTime.of(steadyLoad(3200, 4500), ms(3000), HEALED, STABILITY, ms(10_000)))
                .contains(Duration.ofMillis(1420));
    }

    @Test
    void aFailureInsideTheWindowPushesTheRecoveryPastIt() {
        List<Operation> operations = steadyLoad(3200, 3500);
        operations.add(op(5000, 5300, Outcome.UNKNOWN));

        assertThat(RecoveryTime.of(operations, ms(3000), HEALED, STABILITY, ms(10_000))).contains(Duration.ofMillis(2300));
    }

    @Test
    void failuresThatEndedBeforeTheInjectionDoNotCount() {
        assertThat(RecoveryTime.of(steadyLoad(1000, 2000), ms(3000), HEALED, STABILITY, ms(10_000))).contains(Duration.ZERO);
    }

    @Test
    void aQuietEndAfterTheLastFailureIsNoRecovery() {
        List<Operation> failingToTheEnd = steadyLoad(3000, 10_000);

        assertThat(RecoveryTime.of(failingToTheEnd, ms(3000), HEALED, STABILITY, ms(60_000))).isEmpty();
    }

    @Test
    void isEmptyWhenTheHistoryEndsBeforeACleanWindow() {
        assertThat(RecoveryTime.of(steadyLoad(3000, 9000), ms(3000), HEALED, STABILITY, ms(10_000))).isEmpty();
    }

    @Test
    void aRequestSentEarlyThatHangsHoldsTheRecoveryOpenWhileNewRequestsAlreadySucceed() {
        // Injected at 3 s; orders sent from 3.0 s to 3.8 s fail at once; one sent at 3.04 s hangs until 4.9 s.
        List<Operation> operations = steadyLoad(3000, 3800);
        operations.add(op(3040, 4900, Outcome.UNKNOWN));

        assertThat(RecoveryTime.of(operations, ms(3000), HEALED, STABILITY, ms(10_000))).contains(Duration.ofMillis(1900));
        // The last order sent in failure went out at 3.7 s: from just after it, every new order succeeded.
        assertThat(RecoveryTime.ofNewRequests(operations, ms(3000), HEALED, STABILITY, ms(10_000)).map(Duration::toMillis))
                .contains(700L);
    }

    @Test
    void newRequestsRecoveryIsZeroWhenOnlyRequestsSentBeforeTheInjectionFailed() {
        List<Operation> operations = steadyLoad(0, 0);
        operations.add(op(2900, 3500, Outcome.UNKNOWN));

        assertThat(RecoveryTime.ofNewRequests(operations, ms(3000), HEALED, STABILITY, ms(10_000))).contains(Duration.ZERO);
        assertThat(RecoveryTime.of(operations, ms(3000), HEALED, STABILITY, ms(10_000))).contains(Duration.ofMillis(500));
    }

    @Test
    void aFaultThatStrikesLateIsRecoveredOnlyAfterItsOutage() {
        // Injected at 3 s, healed at 9 s; the first 2 s are clean, the node dies only at 5.5 s.
        List<Operation> operations = steadyLoad(5500, 7000);

        assertThat(RecoveryTime.of(operations, ms(3000), ms(9000), STABILITY, ms(10_000))).contains(Duration.ofMillis(3920));
        assertThat(RecoveryTime.ofNewRequests(operations, ms(3000), ms(9000), STABILITY, ms(10_000)).map(Duration::toMillis))
                .contains(3900L);
    }

    @Test
    void aFailureSentOnlyAfterTheHealIsNotTheFaultsOutage() {
        List<Operation> operations = steadyLoad(7500, 7700);

        assertThat(RecoveryTime.of(operations, ms(3000), ms(7000), STABILITY, ms(10_000))).contains(Duration.ZERO);
        assertThat(RecoveryTime.ofNewRequests(operations, ms(3000), ms(7000), STABILITY, ms(10_000))).contains(Duration.ZERO);
    }

    @Test
    void newRequestsThatFailUntilTheEndAreNoRecovery() {
        assertThat(RecoveryTime.ofNewRequests(steadyLoad(3000, 10_000), ms(3000), HEALED, STABILITY, ms(60_000))).isEmpty();
    }
}
