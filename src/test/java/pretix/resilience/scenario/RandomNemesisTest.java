package pretix.resilience.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import pretix.resilience.fault.Fault;
import pretix.resilience.fault.FaultKind;
import pretix.resilience.stack.Profile;
import pretix.resilience.stack.Topology;

/** `chaos run --nemesis random`: a scenario whose schedule only the seed decides. */
class RandomNemesisTest {

    @Test
    void theSameSeedDrawsTheSameScheduleAndAnotherSeedAnother() throws Exception {
        Scenario scenario = RandomNemesis.scenario(Profile.HARDENED, List.of("kill", "pause", "partition"), "10m", "5s..15s",
                "10s..20s");

        List<Step> first = scenario.timelineFor(42);
        assertThat(scenario.timelineFor(42)).isEqualTo(first);
        assertThat(scenario.timelineFor(43)).isNotEqualTo(first);
        // Back to back: each fault held 5-15 s and followed by 10-20 s of quiet, all within the 10 minutes.
        for (int i = 1; i < first.size(); i++) {
            Duration previousEnd = first.get(i - 1).offset().min().plus(first.get(i - 1).heldFor());
            assertThat(first.get(i).offset().min().minus(previousEnd)).isBetween(Duration.ofSeconds(10), Duration.ofSeconds(20));
        }
        assertThat(first).allSatisfy(step -> assertThat(step.offset().min()).isLessThan(Duration.ofMinutes(10)));
        assertThat(first.stream().map(step -> step.fault().describe().split(" ")[0]).distinct())
                .containsExactlyInAnyOrder("kill", "pause", "partition");
        assertThat(scenario.name()).isEqualTo("random-kill-pause-partition-10m");
        assertThat(scenario.topology().profile()).isEqualTo(Profile.HARDENED);
    }

    @Test
    void everyKindDrawsOnlyFaultsOfItsOwnKindThatTheStackHas() throws Exception {
        Map<String, List<String>> draws = RandomNemesis.draws(Topology.defaults(Profile.SEED));
        for (String kind : draws.keySet()) {
            assertThat(FaultKind.byId(kind)).as(kind).isPresent();
            List<Fault> faults = RandomNemesis.scenario(Profile.SEED, List.of(kind), "1m", "5s", "10s").randomFaults()
                    .faults();
            assertThat(faults).as(kind).hasSize(draws.get(kind).size())
                    .allSatisfy(fault -> assertThat(fault.describe()).startsWith(kind));
        }
        assertThat(draws.get("partition")).containsExactly("{fault: partition, groups: [[pgpool0], [pgpool1]]}");
    }

    @Test
    void anUnknownKindOrATimingThatIsNoDurationIsRefusedBeforeAnythingStarts() {
        ScenarioException unknown = catchThrowableOfType(ScenarioException.class,
                () -> RandomNemesis.scenario(Profile.HARDENED, List.of("kill", "kil", "parition"), "10m", "5s", "10s"));
        assertThat(unknown.errors()).extracting(ScenarioError::toString).containsExactly(
                "--faults:1:2: unknown kind of fault 'kil' (did you mean 'kill'?): use " + RandomNemesis.draws(
                        Topology.defaults(Profile.HARDENED)).keySet(),
                "--faults:1:3: unknown kind of fault 'parition' (did you mean 'partition'?): use " + RandomNemesis.draws(
                        Topology.defaults(Profile.HARDENED)).keySet());
        ScenarioException timing = catchThrowableOfType(ScenarioException.class,
                () -> RandomNemesis.scenario(Profile.HARDENED, List.of("kill"), "10m\n  hold: 1s", "5s", "soon"));
        assertThat(timing.errors()).extracting(ScenarioError::toString).containsExactly(
                "--duration:1:1: '10m\n  hold: 1s' is not a duration such as 10m or a range such as 5s..15s",
                "--gap:1:1: 'soon' is not a duration such as 10m or a range such as 5s..15s");
    }
}
