package pretix.resilience.stack.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pretix.resilience.engine.docker.DockerEngine;
import pretix.resilience.result.BenchReport;
import pretix.resilience.result.CapacityStep;
import pretix.resilience.result.HopFigures;
import pretix.resilience.result.ProxyOverhead;
import pretix.resilience.run.RunFiles;
import pretix.resilience.stack.it.HarnessProcess.Run;

/**
 * `chaos bench --quick` as a user runs it: every benchmark starts and measures something, so a
 * benchmark that no longer runs fails the default test run instead of rotting; its report is
 * written and indexed, and no stack is left behind. The figures' worth is the full run's matter.
 * On the seed profile: it runs the same benchmarks, and its stack is ready in a third of the
 * hardened stack's time (whose start is itself one of the figures a full run judges).
 */
class BenchIT {

    @TempDir
    Path reports;

    @Test
    void everyBenchmarkRunsAndIsReported() throws Exception {
        long started = System.nanoTime();
        Run run = HarnessProcess.chaos("bench", "--quick", "--profile", "seed", "--reports",
                reports.toString());
        System.out.printf("chaos bench --quick took %.1f s%n", (System.nanoTime() - started) / 1e9);

        assertThat(run.exitCode()).as(run.output()).isZero();
        Path written = single(reports.resolve("benchmarks"));
        BenchReport report = RunFiles.JSON.readValue(written.resolve("benchmarks.json").toFile(), BenchReport.class);
        assertThat(report.quick()).isTrue();
        assertThat(report.profile()).isEqualTo("seed");
        assertThat(report.goals()).as("a quick run judges no goal").isEmpty();
        assertThat(report.readySeconds()).hasSize(1).allSatisfy(seconds -> assertThat(seconds).isPositive());

        ProxyOverhead proxy = report.proxy();
        assertThat(proxy.rounds()).hasSize(1);
        ProxyOverhead.Round round = proxy.rounds().get(0);
        for (HopFigures hop : List.of(round.direct(), round.ours(), round.haproxy(), proxy.manyClientsThroughOurs())) {
            assertThat(hop.requestsPerSecond()).as("requests/s of a hop: %s", hop).isPositive();
        }

        assertThat(report.closedLoops()).singleElement().satisfies(loop -> assertThat(loop.acknowledged())
                .as("orders placed closed loop").isPositive());
        assertThat(report.fixedRates()).extracting(CapacityStep::offeredPerSecond).containsExactly(50.0, 200.0);
        assertThat(report.fixedRates().get(0).availability()).as("orders at 50/s on a healthy stack").isEqualTo(1.0);
        assertThat(report.harness()).singleElement().satisfies(harness -> {
            assertThat(harness.ordersPerSecond()).isEqualTo(200.0);
            assertThat(harness.loadCores()).as("the harness's own CPU").isPositive();
            assertThat(harness.heapPeakMiB()).isPositive();
        });

        assertThat(Files.readString(written.resolve("benchmarks.md"))).contains("Our proxy against HAProxy's hop");
        assertThat(Files.readString(reports.resolve("index.html"))).contains("<h2>Benchmarks</h2>");
        assertThat(DockerEngine.local().stacks()).as("stacks left running").isEmpty();
    }

    private static Path single(Path directory) throws Exception {
        try (Stream<Path> runs = Files.list(directory)) {
            List<Path> all = runs.toList();
            assertThat(all).as("benchmark runs written").hasSize(1);
            return all.get(0);
        }
    }
}
