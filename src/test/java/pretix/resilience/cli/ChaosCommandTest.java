package pretix.resilience.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
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
    void aNonNumericCountIsRejected() {
        assertThat(run("up", "--standbys", "two")).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid value for option '--standbys': 'two' is not an int");
    }
}
