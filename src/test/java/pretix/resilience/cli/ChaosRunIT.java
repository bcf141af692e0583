package pretix.resilience.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import pretix.resilience.engine.docker.DockerEngine;
import pretix.resilience.report.Summary;
import pretix.resilience.run.RunFiles;

/** `chaos run` end to end: one scenario file on a stack of its own, its reports, and nothing left behind. */
class ChaosRunIT {

    @TempDir
    Path reports;

    @Test
    void runsAScenarioWritesItsReportsAndRemovesItsStack() throws Exception {
        StringWriter err = new StringWriter();
        CommandLine chaos = ChaosCommand.commandLine();
        chaos.setErr(new PrintWriter(err, true));

        int exitCode = chaos.execute("run", "scenarios/hardened-shop-replica-killed.yaml", "--seed", "7",
                "--reports", reports.toString());

        assertThat(exitCode).as(err.toString()).isZero();
        List<Path> runs;
        try (Stream<Path> directories = Files.list(reports)) {
            runs = directories.filter(Files::isDirectory).toList();
        }
        assertThat(runs).singleElement().satisfies(run -> {
            assertThat(run.getFileName().toString()).endsWith("-hardened-shop-replica-killed");
            for (String file : List.of("summary.json", "report.html", "report.md", "junit.xml", "repeat-1/history.jsonl",
                    "repeat-1/result.json")) {
                assertThat(run.resolve(file)).isNotEmptyFile();
            }
            Summary summary = RunFiles.JSON.readValue(run.resolve("summary.json").toFile(), Summary.class);
            assertThat(summary.seed()).isEqualTo(7);
            assertThat(summary.asExpected()).isTrue();
            assertThat(summary.repeats().get(0).result().orderOutcomes().get("ok")).isPositive();
        });
        assertThat(reports.resolve("index.html")).isNotEmptyFile();
        assertThat(DockerEngine.local().stacks()).as("stacks left running").isEmpty();
    }
}
