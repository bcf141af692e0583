package pretix.resilience.stack.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.command.InspectContainerResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pretix.resilience.engine.docker.Docker;
import pretix.resilience.engine.docker.DockerEngine;
import pretix.resilience.report.Summary;
import pretix.resilience.run.RunFiles;
import pretix.resilience.stack.DeployedNode;
import pretix.resilience.stack.DeployedStack;
import pretix.resilience.stack.it.HarnessProcess.Run;

/**
 * `chaos run` end to end, as a user runs it: one scenario file on a stack of its own, its
 * reports, not one of the stack's secrets in anything the run wrote or printed, and nothing
 * left behind once the kept stack is taken down.
 */
class ChaosRunIT {

    @TempDir
    Path reports;

    @AfterEach
    void leaveNothingBehind() throws Exception {
        HarnessProcess.chaos("down");
    }

    @Test
    void runsAScenarioWritesItsReportsWithoutASecretAndDownRemovesItsStack() throws Exception {
        Run run = HarnessProcess.chaos("run", "scenarios/hardened-shop-replica-killed.yaml", "--seed", "7",
                "--reports", reports.toString(), "--keep");

        // The scenario's verdict is ScenarioFilesIT's subject; here the exit code must tell it truly.
        assertThat(run.exitCode()).as(run.output()).isIn(0, 1);
        Path written = singleRun();
        assertThat(written.getFileName().toString()).endsWith("-hardened-shop-replica-killed");
        for (String file : List.of("summary.json", "report.html", "report.md", "junit.xml", "repeat-1/history.jsonl",
                "repeat-1/result.json")) {
            assertThat(written.resolve(file)).isNotEmptyFile();
        }
        Summary summary = RunFiles.JSON.readValue(written.resolve("summary.json").toFile(), Summary.class);
        assertThat(summary.seed()).isEqualTo(7);
        assertThat(summary.asExpected()).as(run.output()).isEqualTo(run.exitCode() == 0);
        assertThat(summary.repeats().get(0).result().orderOutcomes().get("ok")).isPositive();
        assertThat(reports.resolve("index.html")).isNotEmptyFile();

        List<DeployedStack> kept = DockerEngine.local().stacks();
        assertThat(kept).as("the stack kept for investigation").hasSize(1);
        assertNoSecretIn(kept.get(0), texts(run));

        Run down = HarnessProcess.chaos("down");
        assertThat(down.exitCode()).as(down.output()).isZero();
        assertThat(DockerEngine.local().stacks()).as("stacks left running").isEmpty();
    }

    /** What a user or an auditor gets to see: the output, every file of the reports, status, each container's settings. */
    private Map<String, String> texts(Run run) throws Exception {
        Map<String, String> texts = new TreeMap<>();
        texts.put("output of chaos run", run.output());
        texts.put("chaos status", HarnessProcess.chaos("status").output());
        texts.put("chaos status --json", HarnessProcess.chaos("status", "--json").output());
        try (Stream<Path> files = Files.walk(reports)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                texts.put(reports.relativize(file).toString(),
                        new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
        }
        for (DeployedNode node : DockerEngine.local().stacks().get(0).nodes()) {
            InspectContainerResponse container = Docker.client().inspectContainerCmd(node.containerId()).exec();
            List<String> settings = new ArrayList<>(List.of(container.getConfig().getEnv()));
            settings.addAll(container.getConfig().getLabels().values());
            settings.add(String.join(" ", container.getArgs()));
            texts.put("environment, labels and arguments of " + node.name(), String.join("\n", settings));
        }
        return texts;
    }

    private static void assertNoSecretIn(DeployedStack stack, Map<String, String> texts) {
        assertThat(texts.keySet()).as("what was searched").contains("chaos status --json")
                .anyMatch(name -> name.endsWith("summary.json")).anyMatch(name -> name.endsWith("history.jsonl"));
        texts.forEach((name, text) -> {
            for (String secret : stack.secrets().all()) {
                assertThat(text).as("a secret of the stack in %s", name).doesNotContain(secret);
            }
        });
    }

    private Path singleRun() throws Exception {
        try (Stream<Path> directories = Files.list(reports)) {
            List<Path> runs = directories.filter(Files::isDirectory).toList();
            assertThat(runs).hasSize(1);
            return runs.get(0);
        }
    }
}
