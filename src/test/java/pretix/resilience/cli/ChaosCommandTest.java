package pretix.resilience.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Input errors are reported before anything touches Docker. */
class ChaosCommandTest {

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = ChaosCommand.commandLine();
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void anInvalidTopologyIsAUsageErrorThatNamesEveryProblem() {
        assertThat(run("up", "--sentinels", "2", "--haproxies", "1")).isEqualTo(2);
        assertThat(err.toString())
                .contains("chaos up: invalid topology:")
                .contains("sentinels = 2: must be odd and at least 3")
                .contains("haproxies = 1: must be at least 2");
    }

    @Test
    void anUnknownProfileListsTheChoices() {
        assertThat(run("up", "--profile", "hardend")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown profile 'hardend': choose one of hardened, seed");
    }

    @Test
    void aFailureReportsTheReasonsFromInsideOut() {
        Exception failure = new RuntimeException("Container startup failed for image pgpool",
                new IllegalStateException("Container startup failed for image pgpool",
                        new IllegalStateException("pgpool0 was not ready within 90 s; last seen: backends down")));

        assertThat(ChaosCommand.reasons(failure)).isEqualTo("Container startup failed for image pgpool"
                + "\n  because: pgpool0 was not ready within 90 s; last seen: backends down");
    }

    @Test
    void compareNamesAPathThatIsNoRun(@TempDir Path empty) {
        assertThat(run("compare", "reports/no-such-run", empty.toString())).isNotZero();
        assertThat(err.toString()).contains("reports/no-such-run does not exist: name a run directory");
        err.getBuffer().setLength(0);
        assertThat(run("compare", empty.toString(), empty.toString(), "--out", empty.resolve("out").toString()))
                .isNotZero();
        assertThat(err.toString()).contains(empty + " holds no run (no summary.json)");
    }

    @Test
    void everyCommandHasHelpAndAWrongProfileNamesNoJavaClass() {
        StringWriter out = new StringWriter();
        CommandLine commandLine = ChaosCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        for (String command : commandLine.getSubcommands().keySet()) {
            if (!command.equals("help")) {
                assertThat(commandLine.execute(command, "--help")).as(command + " --help").isZero();
                assertThat(commandLine.execute("help", command)).as("help " + command).isZero();
            }
        }
        assertThat(out.toString()).contains("Usage: chaos run", "Usage: chaos validate", "Usage: chaos compare");
        assertThat(run("run", "--profile", "bogus", "--all")).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid value for option '--profile': unknown profile 'bogus': choose one of"
                + " hardened, seed").doesNotContain("Exception", "java.");
    }

    @Test
    void injectChecksItsKeysBeforeLookingForAStack() {
        assertThat(run("inject", "fault=kil", "target=redis.master")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown fault 'kil' (did you mean 'kill'?)");
        err.getBuffer().setLength(0);
        assertThat(run("inject", "fault=kill", "target=postgres[12]")).isEqualTo(2);
        assertThat(err.toString()).contains("target 'postgres[12]': the topology has 10 postgres nodes");
    }

    @Test
    void aNonNumericCountIsRejected() {
        assertThat(run("up", "--standbys", "two")).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid value for option '--standbys': 'two' is not an int");
    }

    @Test
    void validateReportsEveryErrorOfABrokenFileWithItsPlace() {
        String file = "src/test/resources/scenarios/broken/unknown-target.yaml";

        assertThat(run("validate", file)).isEqualTo(2);
        assertThat(err.toString()).contains(file + ":8:13: unknown target 'redis.mastr' (did you mean 'redis.master'?)")
                .contains("1 error(s): nothing was started");
    }

    @Test
    void validateAcceptsEveryShippedScenario() {
        assertThat(run("validate", "--all")).as(err.toString()).isZero();
    }

    @Test
    void scenarioCommandsNeedFilesOrAll() {
        assertThat(run("validate")).isEqualTo(2);
        assertThat(err.toString()).contains("name scenario files, or give --all");
    }

    @Test
    void runRefusesABrokenFileBeforeAnythingStarts() {
        assertThat(run("run", "src/test/resources/scenarios/broken/unknown-fault.yaml")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown fault 'kil' (did you mean 'kill'?)", "nothing was started");
    }

    @Test
    void runRefusesZeroRepeats() {
        assertThat(run("run", "--all", "--repeat", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--repeat 0: give 1 or more");
    }
}
