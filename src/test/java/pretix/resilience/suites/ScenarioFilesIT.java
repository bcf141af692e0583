package pretix.resilience.suites;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import pretix.resilience.engine.Engine;
import pretix.resilience.engine.docker.DockerEngine;
import pretix.resilience.doctor.Doctor;
import pretix.resilience.report.Reports;
import pretix.resilience.report.Summary;
import pretix.resilience.run.LaunchedStacks;
import pretix.resilience.scenario.Scenario;
import pretix.resilience.scenario.ScenarioCatalog;
import pretix.resilience.run.ScenarioOutcome;
import pretix.resilience.run.ScenarioRunner;
import pretix.resilience.ProjectHome;

/**
 * The scenario files as tests. Each runs once under order load with a fixed seed and passes when
 * its verdict is as the file expects; reports go to {@code reports/<run-id>/} as with
 * {@code chaos run}. The default test run takes the files tagged {@code smoke} (one or two per
 * failover mechanism and fault family, so that it fits its time on two cores); with
 * {@code -Dscenarios=all} every file runs, those tagged {@code finding} (known misses of an
 * objective) only with {@code -Dfindings=true} as well.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScenarioFilesIT {

    /** Fixed, so that a failing file repeats with the same random choices; it is in every summary. */
    private static final long SEED = 1;
    private static final String FINDING = "finding";
    private static final String SMOKE = "smoke";

    private final Engine engine = DockerEngine.local();
    private LaunchedStacks stacks;

    @BeforeAll
    void machineCanRunStacks() {
        var checks = new Doctor(System.out::println).run(false);
        assertThat(Doctor.allPassed(checks))
                .as("this machine cannot run stacks; `./chaos doctor --fix` repairs it:%n%s", Doctor.checklist(checks))
                .isTrue();
        stacks = new LaunchedStacks(engine, false, System.out::println);
    }

    @AfterAll
    void removeTheStack() {
        if (stacks != null) {
            stacks.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyScenarioFile() throws Exception {
        Path directory = ProjectHome.directory().resolve(ScenarioCatalog.DIRECTORY);
        boolean withFindings = Boolean.getBoolean("findings");
        boolean everyFile = "all".equals(System.getProperty("scenarios"));
        List<Scenario> scenarios = ScenarioCatalog.inStackOrder(ScenarioCatalog.read(ScenarioCatalog.files(directory))
                .stream().filter(scenario -> withFindings || !scenario.tags().contains(FINDING))
                .filter(scenario -> everyFile || scenario.tags().contains(SMOKE)).toList());
        ScenarioRunner runner = new ScenarioRunner(engine, stacks, System.out::println);
        Path reports = ProjectHome.directory().resolve(Reports.ROOT);
        return scenarios.stream().map(scenario -> DynamicTest.dynamicTest(scenario.name(), Path.of(scenario.file()).toUri(),
                () -> {
                    String runId = Reports.runId(scenario.name(), Instant.now());
                    ScenarioOutcome outcome = runner.run(scenario, SEED, 1, reports.resolve(runId));
                    Summary summary = Reports.write(reports, runId, outcome);
                    assertThat(summary.asExpected()).as("%s: verdict not as the file expects (report %s):%n%s",
                            scenario.name(), reports.resolve(runId).resolve("report.html"),
                            outcome.attempts().get(0).explain()).isTrue();
                }));
    }
}
