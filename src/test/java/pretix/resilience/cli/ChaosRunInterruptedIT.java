package pretix.resilience.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import pretix.resilience.engine.docker.DockerEngine;
import pretix.resilience.report.Summary;
import pretix.resilience.run.RunFiles;
import pretix.resilience.ProjectHome;

/**
 * Ctrl-C in each kind of phase of `chaos run`, sent to a real process once its output shows the
 * phase: it exits with 130 and no stack trace, keeps the evidence recorded so far (a summary and
 * report marked aborted, from the steady state on) and leaves nothing running. The steady state
 * and the observation after the heal stop along the same path as the fault (only the phase's
 * name in the record differs), and are left out: each case costs a stack start, the most
 * expensive minute of the default test run.
 *
 * <p>Where this test runs in the background of a shell without job control, SIGINT is ignored
 * from the start in every process below it, as POSIX has it, and no process can catch it: there
 * the test sends SIGTERM, which takes the same path, and expects 143.
 */
class ChaosRunInterruptedIT {

    private static final String SIGNAL = sigintIgnored() ? "TERM" : "INT";
    private static final int EXIT_CODE = SIGNAL.equals("INT") ? 130 : 143;

    private static final Duration BOUND = Duration.ofMinutes(3);
    private static final String SCENARIO = """
            name: interrupted-shop-killed
            description: A shop is killed under load; the run is stopped by Ctrl-C in one of its phases.
            profile: seed
            workload:
              warm_up: 6s
              after_heal: 6s
            timeline:
              - at: 0s
                fault: kill
                target: shop.any
                duration: 6s
            """;

    @TempDir
    Path work;

    @ParameterizedTest(name = "Ctrl-C {0}")
    @CsvSource(delimiter = '|', value = {
            "while the stack starts | starting stack        | ",
            "under the fault        | injected kill         | faulted: kill shop.any",
            "while judging          | judging the history   | "})
    void stopsCleanlyKeepsTheEvidenceAndLeavesNothing(String when, String marker, String abortedPhase) throws Exception {
        Path scenario = Files.writeString(work.resolve("interrupted.yaml"), SCENARIO);
        Path reports = work.resolve("reports");
        Path output = work.resolve("output.txt");
        Process run = new ProcessBuilder(ProjectHome.directory().resolve("chaos").toAbsolutePath().toString(), "run",
                scenario.toString(), "--seed", "1", "--reports", reports.toString())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();

        try {
            await("`chaos run` to print '" + marker.trim() + "'").atMost(BOUND).pollInterval(Duration.ofMillis(100))
                    .until(() -> Files.readString(output).contains(marker.trim()) || !run.isAlive());
        } catch (ConditionTimeoutException neverGotThere) {
            // A run left behind would share the machine with the tests after this one.
            new ProcessBuilder("kill", "-" + SIGNAL, String.valueOf(run.pid())).start().waitFor();
            run.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS);
            throw neverGotThere;
        }
        new ProcessBuilder("kill", "-" + SIGNAL, String.valueOf(run.pid())).start().waitFor();

        assertThat(run.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS)).as("ended within %s", BOUND).isTrue();
        String printed = Files.readString(output);
        assertThat(run.exitValue()).as(printed).isEqualTo(EXIT_CODE);
        assertThat(printed).as("no stack trace").doesNotContain("\tat ", "Exception in thread");
        assertThat(DockerEngine.local().stacks()).as("stacks left running:%n%s", printed).isEmpty();
        if (!when.contains("starts")) {
            assertThat(printed).as("an aborted run is never as expected").contains("0 of 1 scenario(s) as expected");
        }
        Optional<Summary> summary = summary(reports);
        if (abortedPhase == null) {
            if (when.contains("starts")) {
                assertThat(printed).contains("SIG" + SIGNAL + " while the stack starts: removing what was started");
                assertThat(summary).as("nothing recorded, nothing reported").isEmpty();
            } else {
                assertThat(summary).as(printed).isPresent();
            }
            return;
        }
        assertThat(printed).contains("aborted by SIG" + SIGNAL, "removing the stack");
        assertThat(summary).as(printed).hasValueSatisfying(recorded -> {
            assertThat(recorded.asExpected()).isFalse();
            assertThat(recorded.repeats().get(0).result().aborted().phase()).isEqualTo(abortedPhase);
            assertThat(recorded.repeats().get(0).result().orderOutcomes().get("ok")).isPositive();
        });
    }

    /** Whether this process, and so every process it starts, ignores SIGINT (signal 2: bit 1 of SigIgn). */
    private static boolean sigintIgnored() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(line -> line.startsWith("SigIgn:"))
                    .map(line -> Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16))
                    .anyMatch(mask -> (mask & 0b10) != 0);
        } catch (IOException unreadable) {
            return false;
        }
    }

    private static Optional<Summary> summary(Path reports) throws Exception {
        if (!Files.isDirectory(reports)) {
            return Optional.empty();
        }
        List<Path> summaries;
        try (Stream<Path> files = Files.walk(reports)) {
            summaries = files.filter(file -> file.getFileName().toString().equals("summary.json")).toList();
        }
        if (summaries.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(RunFiles.JSON.readValue(summaries.get(0).toFile(), Summary.class));
    }
}
