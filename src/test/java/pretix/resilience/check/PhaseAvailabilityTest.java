package pretix.resilience.check;

import static org.assertj.core.api.Assertions.assertThat;
import static pretix.resilience.check.Ops.ms;
import static pretix.resilience.check.Ops.op;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import pretix.resilience.history.FaultEvent;
import pretix.resilience.history.Outcome;

class PhaseAvailabilityTest {

    @Test
    void cutsTheRunAtInjectionAndHealAndCountsEachPhase() {
        var operations = List.of(op(100, 150, Outcome.OK), op(200, 250, Outcome.OK),
                op(1100, 1500, Outcome.FAIL), op(1200, 1300, Outcome.UNKNOWN), op(1400, 1450, Outcome.OK),
                op(2500, 2550, Outcome.OK));
        var fault = new FaultEvent("kill", "redis.master", "redis0", ms(1000), Instant.EPOCH, ms(2000), Instant.EPOCH);

        var phases = PhaseAvailability.of(operations, List.of(fault), ms(3000));

        assertThat(phases).extracting(PhaseAvailability::phase)
                .containsExactly("before", "during kill redis0 (redis.master)", "after kill redis0 (redis.master)");
        assertThat(phases).extracting(PhaseAvailability::kind).containsExactly(PhaseAvailability.Kind.BEFORE,
                PhaseAvailability.Kind.DURING, PhaseAvailability.Kind.AFTER);
        assertThat(phases.get(0).availability()).isEqualTo(1.0);
        assertThat(phases.get(1)).extracting(PhaseAvailability::invoked, PhaseAvailability::ok,
                PhaseAvailability::failed, PhaseAvailability::unknown).containsExactly(3, 1, 1, 1);
        assertThat(phases.get(1).availability()).isEqualTo(1 / 3.0);
        assertThat(phases.get(2).invoked()).isEqualTo(1);
    }

    @Test
    void aFaultNeverHealedLastsToTheEnd() {
        var fault = new FaultEvent("pause", "postgres.primary", "pg0", ms(1000), Instant.EPOCH, null, null);

        var phases = PhaseAvailability.of(List.of(op(2900, 2950, Outcome.FAIL)), List.of(fault), ms(3000));

        assertThat(phases.get(1).toNanos()).isEqualTo(ms(3000));
        assertThat(phases.get(1).availability()).isZero();
    }

    @Test
    void theSteadyStateHoldsOnlyWhatEndedBeforeTheFirstInjection() {
        var operations = List.of(op(100, 150, Outcome.OK), op(900, 1050, Outcome.UNKNOWN), op(950, 990, Outcome.FAIL),
                op(1100, 1200, Outcome.OK));

        var steady = PhaseAvailability.steadyState(operations, ms(1000));

        assertThat(steady).extracting(PhaseAvailability::invoked, PhaseAvailability::ok, PhaseAvailability::failed,
                PhaseAvailability::unknown).containsExactly(2, 1, 1, 0);
    }
}
