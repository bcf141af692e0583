package pretix.resilience.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import pretix.resilience.fault.ContainerFault;
import pretix.resilience.fault.LinkEffect;
import pretix.resilience.fault.LinkFault;
import pretix.resilience.history.OperationKind;
import pretix.resilience.result.Arrivals;
import pretix.resilience.result.LoadLevel;
import pretix.resilience.result.LoadPhase;
import pretix.resilience.result.RunPlan;
import pretix.resilience.slo.Expectation;
import pretix.resilience.slo.Slo;
import pretix.resilience.stack.Profile;

class ScenarioReaderTest {

    private static final Path BROKEN = Path.of("src/test/resources/scenarios/broken");
    /** {@code # error: line:column: part of the message}, one line per error the file must produce. */
    private static final Pattern EXPECTED = Pattern.compile("# error: (\\d+):(\\d+): (.*)");

    @TempDir
    Path directory;

    @Test
    void everyShippedScenarioIsValid() throws Exception {
        List<Scenario> scenarios = ScenarioCatalog.read(ScenarioCatalog.files(ScenarioCatalog.DIRECTORY));

        assertThat(scenarios).hasSizeGreaterThanOrEqualTo(20);
        assertThat(scenarios).extracting(scenario -> scenario.topology().profile())
                .contains(Profile.HARDENED, Profile.SEED);
    }

    static List<Path> brokenFiles() throws IOException {
        return ScenarioCatalog.files(BROKEN);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenFiles")
    void aBrokenScenarioGetsExactlyItsErrorsWithLineAndColumn(Path file) throws Exception {
        List<String> expected = Files.readAllLines(file).stream().filter(line -> line.startsWith("# error: ")).toList();
        assertThat(expected).as("the file states its expected errors").isNotEmpty();

        ScenarioException thrown = catchThrowableOfType(ScenarioException.class, () -> ScenarioReader.read(file));

        assertThat(thrown).as("%s must be refused", file).isNotNull();
        assertThat(thrown.errors()).as(thrown.getMessage()).hasSameSizeAs(expected);
        for (String line : expected) {
            Matcher parts = EXPECTED.matcher(line);
            assertThat(parts.matches()).as(line).isTrue();
            assertThat(thrown.errors()).as(thrown.getMessage()).anySatisfy(error -> {
                assertThat(error.file()).isEqualTo(file.toString());
                assertThat(error.line()).isEqualTo(Integer.parseInt(parts.group(1)));
                assertThat(error.column()).isEqualTo(Integer.parseInt(parts.group(2)));
                assertThat(error.message()).contains(parts.group(3));
            });
        }
    }

    @Test
    void defaultsComeFromTheRunPlanAndTheSloProfile() throws Exception {
        Scenario scenario = read("""
                name: minimal
                description: the least a scenario says
                profile: seed
                timeline:
                  - at: 1s
                    fault: stop
                    target: pgpool[1]
                    duration: 3s
                """);

        assertThat(scenario.plan()).isEqualTo(RunPlan.defaults());
        assertThat(scenario.plan().afterHealUntilSettled()).isTrue();
        assertThat(scenario.objectives()).contains(new Slo.RecoveryTime(Duration.ofSeconds(5)));
        assertThat(scenario.expectation()).isEqualTo(Expectation.NONE);
        assertThat(scenario.topology().pgpools()).isEqualTo(Profile.SEED.settings().defaultPgpools());
        assertThat(Step.schedule(scenario.timeline(), new Random(1))).singleElement().satisfies(step -> {
            assertThat(step.at()).isEqualTo(Duration.ofSeconds(1));
            assertThat(step.heldFor()).isEqualTo(Duration.ofSeconds(3));
            assertThat(step.fault()).isInstanceOf(ContainerFault.class);
        });
    }

    @Test
    void overridesReplaceTheProfilesObjectivesAndWorkload() throws Exception {
        Scenario scenario = read("""
                name: overrides
                description: every section given
                profile: hardened
                replicas:
                  shops: 3
                workload:
                  rate: 12.5
                  arrivals: poisson
                  max_in_flight: 4
                  warm_up: 2s
                  after_heal: 1.5s
                  client_timeout: 60s
                steady_state:
                  availability: 99.5%
                slo_profile: seed-sla
                slos:
                  order_latency_max: 20s
                  failed_orders: 2%
                  memory_peak: 40%
                  recovery_time:
                    target: 3s
                    operations: [orders, pg_writes]
                  heal_disruption: 500ms
                expect:
                  violated: [failed_orders]
                  may_be_violated: [availability_under_fault]
                tags: [finding]
                timeline:
                  - at: 0s
                    fault: latency
                    link: shop-pgpool
                    latency: 2s
                    jitter: 100ms
                    duration: 10s
                """);

        assertThat(scenario.topology().shops()).isEqualTo(3);
        assertThat(scenario.plan().ordersPerSecond()).isEqualTo(12.5);
        assertThat(scenario.plan().arrivals()).isEqualTo(Arrivals.POISSON);
        assertThat(scenario.plan().maxInFlight()).isEqualTo(4);
        assertThat(scenario.plan().warmUp()).isEqualTo(Duration.ofSeconds(2));
        assertThat(scenario.plan().afterHeal()).isEqualTo(Duration.ofMillis(1500));
        assertThat(scenario.plan().afterHealUntilSettled()).as("a stated after_heal is observed in full").isFalse();
        assertThat(scenario.plan().clientTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(scenario.objectives()).contains(new Slo.SteadyAvailability(0.995),
                new Slo.OrderLatencyMax(Duration.ofSeconds(20)), new Slo.FailedOrders(0.02),
                new Slo.AvailabilityUnderFault(0.7), new Slo.MemoryPeak(0.4),
                new Slo.RecoveryTime(Duration.ofSeconds(3), EnumSet.of(OperationKind.ORDERS, OperationKind.PG_WRITES)),
                new Slo.HealDisruption(Duration.ofMillis(500)));
        assertThat(scenario.objectives()).extracting(Slo::id).doesNotHaveDuplicates();
        assertThat(scenario.expectation().violated()).containsExactly("failed_orders");
        assertThat(scenario.expectation().mayBeViolated()).containsExactly("availability_under_fault");
        assertThat(scenario.tags()).containsExactly("finding");
        assertThat(scenario.timeline().get(0).fault())
                .isEqualTo(new LinkFault("shop-pgpool", new LinkEffect.Latency(2000, 100)));
    }

    @Test
    void aLoadProfileSetsTheRateInPhasesAndTheSteadyStateRunsAtItsFirstRate() throws Exception {
        Scenario scenario = read("""
                name: peak
                description: normal, a peak, normal again
                profile: seed
                slo_profile: seed-sla
                workload:
                  profile:
                    - {load: normal, rate: 0.5, duration: 20s}
                    - {load: peak, rate: 0.5..5, duration: 30s}
                    - {load: normal, rate: 0.5}
                timeline: []
                """);

        RunPlan plan = scenario.plan();
        assertThat(plan.load().phases()).containsExactly(
                new LoadPhase(LoadLevel.NORMAL, 0.5, 0.5, Duration.ofSeconds(20)),
                new LoadPhase(LoadLevel.PEAK, 0.5, 5, Duration.ofSeconds(30)),
                new LoadPhase(LoadLevel.NORMAL, 0.5, 0.5, null));
        assertThat(plan.ordersPerSecond()).as("the steady state's").isEqualTo(0.5);
        assertThat(plan.ordersPerSecondAt(-1)).isEqualTo(0.5);
        assertThat(plan.ordersPerSecondAt(Duration.ofSeconds(35).toNanos())).as("half way up the peak").isEqualTo(2.75);
        assertThat(plan.ordersPerSecondAt(Duration.ofSeconds(60).toNanos())).isEqualTo(0.5);
        assertThat(plan.load().length()).isEqualTo(Duration.ofSeconds(50));
        assertThat(plan.describeRate()).isEqualTo("the load profile normal 0.5 orders/s for 20 s,"
                + " peak 0.5 → 5 orders/s for 30 s, normal 0.5 orders/s");
        assertThat(scenario.objectives()).contains(new Slo.LoadAvailability(LoadLevel.NORMAL, 1.0),
                new Slo.LoadAvailability(LoadLevel.PEAK, 0.7));
        assertThat(scenario.faultsInWords()).as("its row of the N+1 matrix, apart from the same fault at one rate")
                .isEqualTo("no fault, under " + plan.load().describe());
    }

    @Test
    void randomOffsetsAreDrawnFromTheSeedAndAfterCountsFromThePreviousInjection() throws Exception {
        Scenario scenario = read("""
                name: random
                description: offsets the seed picks
                profile: hardened
                timeline:
                  - at: 2s..8s
                    fault: kill
                    target: shop.any
                    duration: 5s
                  - after: 1s
                    fault: kill
                    target: nginx.any
                    duration: 5s
                """);

        List<Step> first = Step.schedule(scenario.timeline(), new Random(42));
        assertThat(Step.schedule(scenario.timeline(), new Random(42))).isEqualTo(first);
        assertThat(first.get(0).at()).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(8));
        assertThat(first.get(1).at()).isEqualTo(first.get(0).at().plusSeconds(1));
        assertThat(java.util.stream.LongStream.range(0, 20)
                .mapToObj(seed -> Step.schedule(scenario.timeline(), new Random(seed)).get(0).at()).distinct().count())
                .as("different seeds give different schedules").isGreaterThan(1);
    }

    @Test
    void randomFaultsDrawOneFaultAtATimeFromTheSetAndTheSeedRepeatsTheSchedule() throws Exception {
        Scenario scenario = read("""
                name: random
                description: faults drawn by the seed
                profile: hardened
                random_faults:
                  duration: 300s
                  hold: 5s..15s
                  gap: 10s..20s
                  faults:
                    - {fault: kill, target: redis.master}
                    - {fault: pause, target: postgres.primary}
                    - {fault: kill, target: shop.any}
                """);

        List<Step> drawn = scenario.timelineFor(7);

        assertThat(scenario.timelineFor(7)).as("the same seed, the same schedule").isEqualTo(drawn);
        assertThat(scenario.timelineFor(8)).isNotEqualTo(drawn);
        assertThat(drawn.get(0).at()).isBetween(Duration.ofSeconds(10), Duration.ofSeconds(20));
        for (int i = 1; i < drawn.size(); i++) {
            Step before = drawn.get(i - 1);
            assertThat(drawn.get(i).at().minus(before.at().plus(before.heldFor()))).as("the gap after a heal")
                    .isBetween(Duration.ofSeconds(10), Duration.ofSeconds(20));
        }
        assertThat(drawn).allSatisfy(step -> {
            assertThat(step.heldFor()).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(15));
            assertThat(step.at()).isLessThan(Duration.ofSeconds(300));
        });
        // 300 s of 15-35 s cycles: 9 to 20 faults, every kind drawn over a few seeds.
        assertThat(drawn).hasSizeBetween(8, 20);
        assertThat(java.util.stream.LongStream.range(0, 5).boxed().flatMap(seed -> scenario.timelineFor(seed).stream())
                .map(step -> step.fault().describe()).distinct()).hasSize(3);
        assertThat(scenario.matrixTier()).isEqualTo("random");
        assertThat(scenario.faultsInWords()).isEqualTo("random for 300s, each held 5s..15s, 10s..20s apart: kill"
                + " redis.master | pause postgres.primary | kill shop.any");
    }

    @Test
    void onSwarmReplacesTheExpectationOfARunOnSwarmOnly() throws Exception {
        Scenario scenario = read("""
                name: engines
                description: the fault acts otherwise on Swarm
                profile: hardened
                expect:
                  violated: [recovery_time]
                  on_swarm:
                    may_be_violated: [recovery_time]
                timeline: []
                """);

        assertThat(scenario.expectation().violated()).containsExactly("recovery_time");
        assertThat(scenario.expectation().mayBeViolated()).isEmpty();
        assertThat(scenario.onSwarm().expectation().violated()).isEmpty();
        assertThat(scenario.onSwarm().expectation().mayBeViolated()).containsExactly("recovery_time");
        assertThat(scenario.onSwarm().onSwarm().expectation()).isEqualTo(scenario.onSwarm().expectation());
    }

    @Test
    void withoutOnSwarmBothEnginesExpectTheSame() throws Exception {
        Scenario scenario = read("""
                name: engines
                description: d
                profile: hardened
                expect:
                  violated: [recovery_time]
                timeline: []
                """);

        assertThat(scenario.onSwarm().expectation()).isEqualTo(scenario.expectation());
    }

    @Test
    void aMistakeUnderOnSwarmIsNamedWhereItIs() {
        assertThatThrownBy(() -> read("""
                name: engines
                description: d
                profile: hardened
                expect:
                  on_swarm:
                    violatd: [recovery_time]
                    may_be_violated: [no_such_objective]
                timeline: []
                """)).hasMessageContaining(":6:5: unknown key 'violatd' in on_swarm")
                .hasMessageContaining(":7:23: ");
    }

    @Test
    void twoFilesWithOneNameAreRefusedTogether() throws Exception {
        String text = "name: same\ndescription: d\nprofile: hardened\ntimeline: []\n";
        Path one = Files.writeString(directory.resolve("one.yaml"), text);
        Path two = Files.writeString(directory.resolve("two.yaml"), text);

        assertThatThrownBy(() -> ScenarioCatalog.read(List.of(one, two)))
                .hasMessageContaining(two + ":1:1: name 'same' is already used by " + one);
    }

    private Scenario read(String text) throws Exception {
        return ScenarioReader.read(Files.writeString(directory.resolve("scenario.yaml"), text));
    }
}
