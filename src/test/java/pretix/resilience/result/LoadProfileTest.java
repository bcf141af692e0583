package pretix.resilience.result;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import pretix.resilience.check.PhaseAvailability;
import pretix.resilience.history.Operation;
import pretix.resilience.history.Outcome;
import pretix.resilience.run.RunFiles;

class LoadProfileTest {

    private static final long SECOND = 1_000_000_000L;
    private static long index;
    private static final LoadProfile PEAK = new LoadProfile(List.of(
            new LoadPhase(LoadLevel.NORMAL, 1, 1, Duration.ofSeconds(10)),
            new LoadPhase(LoadLevel.PEAK, 1, 9, Duration.ofSeconds(4)),
            new LoadPhase(LoadLevel.NORMAL, 2, 2, null)));

    @Test
    void theRateFollowsThePhasesFromTheTimelinesStart() {
        assertThat(PEAK.perSecondAt(-5 * SECOND, 7)).as("the steady state: the first rate").isEqualTo(1);
        assertThat(PEAK.perSecondAt(3 * SECOND, 7)).isEqualTo(1);
        assertThat(PEAK.perSecondAt(11 * SECOND, 7)).as("a quarter up the ramp").isEqualTo(3);
        assertThat(PEAK.perSecondAt(14 * SECOND, 7)).as("the last phase from its start").isEqualTo(2);
        assertThat(PEAK.perSecondAt(500 * SECOND, 7)).as("the last phase goes on").isEqualTo(2);
        assertThat(LoadProfile.NONE.perSecondAt(3 * SECOND, 7)).as("no profile: the constant rate").isEqualTo(7);
        assertThat(PEAK.length()).isEqualTo(Duration.ofSeconds(14));
    }

    @Test
    void aLastPhaseWithADurationEndsAtItsLastRate() {
        LoadProfile ramp = new LoadProfile(List.of(new LoadPhase(LoadLevel.PEAK, 2, 4, Duration.ofSeconds(2))));

        assertThat(ramp.perSecondAt(3 * SECOND, 7)).isEqualTo(4);
    }

    @Test
    void loadPhasesAreLaidEndToEndFromTheTimelinesStartAndTheLastGoesOnToTheEnd() {
        var profile = new LoadProfile(List.of(new LoadPhase(LoadLevel.NORMAL, 1, 1, Duration.ofSeconds(2)),
                new LoadPhase(LoadLevel.PEAK, 1, 5, Duration.ofSeconds(3)), new LoadPhase(LoadLevel.NORMAL, 1, 1, null)));
        // Before the timeline (the steady state), then one in the first normal phase, three in the peak
        // (one of them failed), and one in the last normal phase, long after its nominal length.
        var operations = List.of(op(500, 600, Outcome.OK), op(1500, 1600, Outcome.OK), op(3000, 3100, Outcome.OK),
                op(4000, 4200, Outcome.FAIL), op(5900, 6900, Outcome.OK), op(9000, 9100, Outcome.OK));

        var phases = profile.availability(operations, ms(1000), ms(10_000));

        assertThat(phases).extracting(PhaseAvailability::phase).containsExactly("normal 1 orders/s for 2 s (+1-3 s)",
                "peak 1 → 5 orders/s for 3 s (+3-6 s)", "normal 1 orders/s (+6-10 s)");
        assertThat(phases).extracting(PhaseAvailability::kind).containsExactly(PhaseAvailability.Kind.NORMAL_LOAD,
                PhaseAvailability.Kind.PEAK_LOAD, PhaseAvailability.Kind.NORMAL_LOAD);
        assertThat(phases).extracting(PhaseAvailability::invoked).containsExactly(1, 3, 1);
        assertThat(phases.get(1).ok()).isEqualTo(2);
        assertThat(profile.availability(operations, ms(1000), ms(4000))).as("a run cut short")
                .extracting(PhaseAvailability::toNanos).containsExactly(ms(3000), ms(4000));
        assertThat(LoadProfile.NONE.availability(operations, ms(1000), ms(10_000))).isEmpty();
    }

    @Test
    void aPlanWithAProfileIsWrittenAndReadBack() throws Exception {
        RunPlan defaults = RunPlan.defaults();
        RunPlan plan = new RunPlan(defaults.warmUp(), defaults.afterHeal(), defaults.afterHealAtLeast(), 1, PEAK,
                Arrivals.POISSON, 10, 10, defaults.clientTimeout(), defaults.stability(), defaults.redundancyBound());

        String json = RunFiles.JSON.writeValueAsString(plan);

        assertThat(RunFiles.JSON.readValue(json, RunPlan.class)).isEqualTo(plan);
        assertThat(RunFiles.JSON.readValue(RunFiles.JSON.writeValueAsString(defaults), RunPlan.class).load())
                .isEqualTo(LoadProfile.NONE);
    }

    private static Operation op(long invokeMs, long completeMs, Outcome outcome) {
        return new Operation(index++, "p0", "order", "k" + index, "v" + index, ms(invokeMs), ms(completeMs),
                Instant.EPOCH.plusMillis(invokeMs), Instant.EPOCH.plusMillis(completeMs), outcome,
                outcome == Outcome.OK ? null : "error", null, 0, false);
    }

    private static long ms(long millis) {
        return millis * 1_000_000;
    }
}
