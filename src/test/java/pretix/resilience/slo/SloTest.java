package pretix.resilience.slo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import pretix.resilience.check.Disruption;
import pretix.resilience.check.LatencySummary;
import pretix.resilience.check.OfferedLoad;
import pretix.resilience.check.LostWrites;
import pretix.resilience.check.MemoryUse;
import pretix.resilience.check.OrderIntegrity;
import pretix.resilience.check.PhaseAvailability;
import pretix.resilience.check.Redundancy;
import pretix.resilience.check.SingleWriter;
import pretix.resilience.check.WrongNodeWrites;
import pretix.resilience.history.MemorySample;
import pretix.resilience.history.OperationKind;
import pretix.resilience.check.FaultRecovery;
import pretix.resilience.result.LoadLevel;
import pretix.resilience.result.RunPlan;
import pretix.resilience.result.RunResult;

/** Objectives and verdicts judged on measured results built by hand. */
class SloTest {

    private static final long MIB = 1024 * 1024;
    private static final MemoryUse MEMORY = MemoryUse.of(List.of(
            new MemorySample(1, Map.of("postgres", Map.of("pg0", 200 * MIB, "pg1", 150 * MIB))),
            new MemorySample(2, Map.of("postgres", Map.of("pg0", 100 * MIB, "pg1", 300 * MIB)))), 4096 * MIB);
    private static final FaultRecovery QUICK = new FaultRecovery("kill redis0 (redis.master)", "redis0", 5000, 15000L,
            2300L, 900L, 200, 0, 3, List.of());
    private static final FaultRecovery SLOW = new FaultRecovery("kill pg0 (postgres.primary)", "pg0", 7000, 17000L,
            6100L, 6100L, 200, 1, 0, List.of());
    private static final FaultRecovery NEVER = new FaultRecovery("kill redis0 (redis.master)", "redis0", 5000, 15000L,
            null, null, 200, 150, 0, List.of());
    /** A thawed Redis master: orders fine, Redis writes refused for 9.1 s after the heal. */
    private static final FaultRecovery THAWED = new FaultRecovery("pause redis0 (redis.master)", "redis0", 5000, 15000L,
            2300L, 2300L, 200, 0, 3, List.of(new Disruption("orders", 2300L, 0L, 200, 197, 200, 200),
            new Disruption("redis_writes", 3000L, 9100L, 100, 70, 100, 59),
            new Disruption("pg_writes", 0L, 0L, 100, 100, 100, 100)));

    @Test
    void recoveryTimeJudgesTheSlowestFaultAndMissesOneThatNeverRecovered() {
        Slo fiveSeconds = new Slo.RecoveryTime(Duration.ofSeconds(5));

        assertThat(fiveSeconds.judge(run(List.of(QUICK)))).extracting(SloResult::met, SloResult::measured)
                .containsExactly(true, "2300 ms (kill redis0 (redis.master), orders)");
        assertThat(fiveSeconds.judge(run(List.of(QUICK, SLOW)))).extracting(SloResult::met, SloResult::measured)
                .containsExactly(false, "6100 ms (kill pg0 (postgres.primary), orders)");
        assertThat(fiveSeconds.judge(run(List.of(SLOW, NEVER))).measured())
                .isEqualTo("not recovered from kill redis0 (redis.master), orders before the run ended");
    }

    @Test
    void recoveryTimeJudgesEveryKindOfOperationUnlessTheFileNamesSome() {
        assertThat(new Slo.RecoveryTime(Duration.ofMillis(2500)).judge(run(List.of(THAWED))))
                .extracting(SloResult::met, SloResult::measured)
                .containsExactly(false, "3000 ms (pause redis0 (redis.master), redis_writes)");
        assertThat(new Slo.RecoveryTime(Duration.ofMillis(2500), EnumSet.of(OperationKind.ORDERS))
                .judge(run(List.of(THAWED)))).extracting(SloResult::met, SloResult::target)
                .containsExactly(true, "≤ 2500 ms per fault, on orders");
    }

    @Test
    void healDisruptionSeesFailuresAfterTheHealThatRecoveryTimeDoesNot() {
        Slo none = new Slo.HealDisruption(Duration.ZERO);

        assertThat(none.judge(run(List.of(THAWED)))).extracting(SloResult::met, SloResult::measured)
                .containsExactly(false, "9100 ms (pause redis0 (redis.master), redis_writes)");
        assertThat(new Slo.HealDisruption(Duration.ZERO, EnumSet.of(OperationKind.ORDERS, OperationKind.PG_WRITES), false)
                .judge(run(List.of(THAWED)))).extracting(SloResult::met, SloResult::measured)
                .containsExactly(true, "0 ms (pause redis0 (redis.master), orders)");
        FaultRecovery unsettled = new FaultRecovery("pause redis0 (redis.master)", "redis0", 5000, 15000L, 2300L, 2300L,
                200, 0, 3, List.of(new Disruption("redis_writes", 3000L, null, 100, 70, 100, 12)));
        assertThat(none.judge(run(List.of(unsettled))).measured())
                .isEqualTo("still disrupted after the heal of pause redis0 (redis.master), redis_writes when the run ended");
        assertThat(none.judge(run(List.of())).measured()).isEqualTo("no healed fault");
    }

    @Test
    void afterTheRejoinTheBoundCountsFromWhenEveryTierIsCompleteAgain() {
        // Every tier of the recorded run was complete again 1.5 s after the heal; Redis writes failed until 9.1 s.
        Slo rejoined = new Slo.HealDisruption(Duration.ZERO, EnumSet.allOf(OperationKind.class), true);

        assertThat(rejoined.judge(run(List.of(THAWED)))).extracting(SloResult::met, SloResult::measured)
                .containsExactly(false, "9100 ms (pause redis0 (redis.master), redis_writes), every tier complete again"
                        + " 1500 ms after the heal");
        assertThat(new Slo.HealDisruption(Duration.ofMillis(7600), EnumSet.allOf(OperationKind.class), true)
                .judge(run(List.of(THAWED))).met()).isTrue();
        assertThat(new Slo.HealDisruption(Duration.ofMillis(7500), EnumSet.allOf(OperationKind.class), true)
                .judge(run(List.of(THAWED))).met()).isFalse();
        assertThat(rejoined.target()).isEqualTo("≤ 0 ms after every tier is complete again, on orders, redis_writes,"
                + " pg_writes");
    }

    @Test
    void failedOrdersCountFailedAndUnknownUnderEveryFault() {
        SloResult result = new Slo.FailedOrders(0.01).judge(run(List.of(QUICK, SLOW)));

        assertThat(result.measured()).isEqualTo("1.0 % (4 of 400)");
        assertThat(result.met()).isTrue();
        assertThat(new Slo.FailedOrders(0.005).judge(run(List.of(QUICK, SLOW))).met()).isFalse();
    }

    @Test
    void steadyAvailabilityAndWrongNodeWritesReadTheirOwnFigures() {
        RunResult run = run(List.of(QUICK));

        assertThat(new Slo.SteadyAvailability(1.0).judge(run)).extracting(SloResult::met, SloResult::measured)
                .containsExactly(false, "99.0 % (99 of 100)");
        assertThat(new Slo.WrongNodeWrites(0).judge(run)).extracting(SloResult::met, SloResult::measured)
                .containsExactly(false, "Redis 4, PostgreSQL 0");
        assertThat(new Slo.WrongNodeWrites(4).judge(run).met()).isTrue();
    }

    @Test
    void memoryPeakIsTheLargestSumOfOneSampleAgainstTheHostsMemory() {
        RunResult run = run(List.of(QUICK));

        assertThat(new Slo.MemoryPeak(0.1).judge(run)).extracting(SloResult::met, SloResult::measured)
                .containsExactly(true, "400 MiB of 4096 MiB = 9.8 %, largest node pg1 300 MiB (2 samples)");
        assertThat(new Slo.MemoryPeak(0.09).judge(run).met()).isFalse();
    }

    @Test
    void aResultRecordedBeforeMemoryWasSampledMissesTheMemoryObjectiveAsNotSampled() {
        RunResult recordedBefore = run(List.of(QUICK), null);

        assertThat(recordedBefore.memory()).isEqualTo(MemoryUse.NONE);
        assertThat(new Slo.MemoryPeak(1).judge(recordedBefore)).extracting(SloResult::met, SloResult::measured)
                .containsExactly(false, "not sampled");
    }

    @Test
    void aVerdictHoldsWhenExactlyTheExpectedObjectivesAreMissed() {
        RunResult run = run(List.of(QUICK, SLOW));
        List<Slo> objectives = List.of(new Slo.RecoveryTime(Duration.ofSeconds(5)), new Slo.LostOrders(0));

        Expectation recoveryMissed = new Expectation(Set.of("recovery_time"), Set.of());
        assertThat(Verdict.of(run, objectives, recoveryMissed).asExpected()).isTrue();
        Verdict unexpected = Verdict.of(run, objectives, Expectation.NONE);
        assertThat(unexpected.asExpected()).isFalse();
        assertThat(unexpected.explain()).contains("MISS recovery_time", "violated, not expected: [recovery_time]");
        Verdict missing = Verdict.of(run(List.of(QUICK)), objectives, recoveryMissed);
        assertThat(missing.asExpected()).isFalse();
        assertThat(missing.explain()).contains("expected to be violated, but met: [recovery_time]");
    }

    @Test
    void anObjectiveThatMayBeViolatedHoldsEitherWayButAllowsNoOther() {
        List<Slo> objectives = List.of(new Slo.RecoveryTime(Duration.ofSeconds(5)), new Slo.LostOrders(0));
        Expectation recoveryRacy = new Expectation(Set.of(), Set.of("recovery_time"));

        assertThat(Verdict.of(run(List.of(QUICK, SLOW)), objectives, recoveryRacy).asExpected()).isTrue();
        assertThat(Verdict.of(run(List.of(QUICK)), objectives, recoveryRacy).asExpected()).isTrue();
        Verdict other = Verdict.of(run(List.of(QUICK)), List.of(new Slo.RecoveryTime(Duration.ofMillis(1))),
                new Expectation(Set.of(), Set.of("lost_orders")));
        assertThat(other.asExpected()).isFalse();
        assertThat(other.explain()).contains("violated, not expected: [recovery_time]");
    }

    @Test
    void loadAvailabilityHoldsEveryPhaseOfItsLevelToTheTargetAndNamesTheWorst() {
        List<PhaseAvailability> phases = List.of(loadPhase("normal 1 orders/s for 20 s (+5-25 s)", LoadLevel.NORMAL, 20, 20),
                loadPhase("peak 1 → 5 orders/s for 30 s (+25-55 s)", LoadLevel.PEAK, 90, 72),
                loadPhase("normal 1 orders/s (+55-75 s)", LoadLevel.NORMAL, 20, 19),
                loadPhase("peak 5 orders/s for 10 s (+75-85 s)", LoadLevel.PEAK, 50, 34));
        RunResult run = run(List.of(), MEMORY, phases);

        SloResult peak = new Slo.LoadAvailability(LoadLevel.PEAK, 0.7).judge(run);
        SloResult normal = new Slo.LoadAvailability(LoadLevel.NORMAL, 0.9).judge(run);

        assertThat(peak.met()).as("34 of 50 in the second peak, though both together are 106 of 140").isFalse();
        assertThat(peak.measured()).isEqualTo("68.0 % (34 of 50, 0 shed) in peak 5 orders/s for 10 s (+75-85 s),"
                + " the worst of 2 peak phases");
        assertThat(normal.met()).isTrue();
        assertThat(normal.measured()).startsWith("95.0 % (19 of 20, 0 shed) in normal 1 orders/s (+55-75 s)");
        assertThat(new Slo.LoadAvailability(LoadLevel.NORMAL, 1.0).judge(run).met()).isFalse();
        SloResult withoutProfile = new Slo.LoadAvailability(LoadLevel.PEAK, 1.0).judge(run(List.of()));
        assertThat(withoutProfile.met()).isTrue();
        assertThat(withoutProfile.measured()).isEqualTo("no peak phase in the run's load");
        assertThat(peak.id()).isEqualTo("peak_load_availability");
        assertThat(normal.id()).isEqualTo("normal_load_availability");
    }

    @Test
    void throughputComparesAcknowledgedToDueOrders() {
        // 490 acknowledged in 25 s: 19.6 per second of the 20 due per second.
        assertThat(new Slo.Throughput(0.98).judge(run(List.of())).met()).isTrue();
        assertThat(new Slo.Throughput(0.99).judge(run(List.of())).met()).isFalse();
        assertThat(new Slo.Throughput(0.98).judge(run(List.of())).measured()).isEqualTo("19.6 orders/s of 20.0 offered");
    }

    private static PhaseAvailability loadPhase(String name, LoadLevel level, int due, int ok) {
        return new PhaseAvailability(name, level.phaseKind(), 0, 1, due, ok, due - ok, 0, 0, null);
    }

    @Test
    void aReportSaysWhetherAMissWasExpectedOrAllowed() {
        SloResult missed = new Slo.RecoveryTime(Duration.ofSeconds(5)).judge(run(List.of(SLOW)));
        SloResult met = new Slo.RecoveryTime(Duration.ofSeconds(5)).judge(run(List.of(QUICK)));

        assertThat(Expectation.NONE.verdictOf(missed)).isEqualTo("missed");
        assertThat(new Expectation(Set.of("recovery_time"), Set.of()).verdictOf(missed)).isEqualTo("missed, as expected");
        assertThat(new Expectation(Set.of(), Set.of("recovery_time")).verdictOf(missed))
                .isEqualTo("missed, allowed (a race)");
        assertThat(new Expectation(Set.of("recovery_time"), Set.of()).verdictOf(met))
                .isEqualTo("met, expected to be missed");
    }

    private static RunResult run(List<FaultRecovery> faults) {
        return run(faults, MEMORY);
    }

    private static RunResult run(List<FaultRecovery> faults, MemoryUse memory) {
        return run(faults, memory, List.of());
    }

    private static RunResult run(List<FaultRecovery> faults, MemoryUse memory, List<PhaseAvailability> loadPhases) {
        return new RunResult("test", "hardened", 1, RunPlan.defaults(), Instant.EPOCH, 30, 25, faults,
                Map.of("ok", 490L, "unknown", 10L), List.of(), loadPhases, new PhaseAvailability("steady state",
                        PhaseAvailability.Kind.STEADY_STATE, 0, 5, 100, 99, 1, 0, 0, null),
                new LatencySummary(490, 12, 30, 60, 90, 120), new OrderIntegrity(490, List.of(), Map.of(), List.of(), 10, 0,
                        10, List.of()), new LostWrites(250, List.of()), new LostWrites(250, List.of()),
                new WrongNodeWrites(4, 0), new SingleWriter(120, 260, List.of(), List.of()),
                new Redundancy(Map.of(), Map.of(), 1500L, 0L), memory, List.of(), List.of(), null,
                new OfferedLoad(500, 500, 0, 3, 20, 19.6, 1.5));
    }
}
