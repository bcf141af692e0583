package pretix.resilience.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pretix.resilience.ProjectHome;
import pretix.resilience.result.BenchReport;
import pretix.resilience.result.ClosedLoop;
import pretix.resilience.result.HarnessUse;
import pretix.resilience.result.HopFigures;
import pretix.resilience.result.ProxyOverhead;
import pretix.resilience.run.RunFiles;

class BenchMarkdownTest {

    @Test
    void theReadmesMeasuredSectionIsTheRecordedReportRendered() throws Exception {
        String readme = Files.readString(ProjectHome.directory().resolve("README.md"));
        BenchReport recorded = RunFiles.JSON.readValue(ProjectHome.directory().resolve("docs/benchmarks.json").toFile(),
                BenchReport.class);

        assertThat(BenchMarkdown.intoReadme(readme, recorded))
                .as("the README's benchmarks differ from docs/benchmarks.json: `./chaos bench --readme` measures and"
                        + " writes both")
                .isEqualTo(readme);
        assertThat(recorded.quick()).as("a quick run's figures are not worth recording").isFalse();
    }

    @Test
    void onlyTheTextBetweenTheMarkersIsReplaced() {
        String readme = "# Title\n\n" + BenchMarkdown.README_BEGIN + "\nold figures\n" + BenchMarkdown.README_END + "\nrest\n";

        String updated = BenchMarkdown.intoReadme(readme, quickReport());

        assertThat(updated).startsWith("# Title\n\n" + BenchMarkdown.README_BEGIN + "\n### Benchmarks: hardened, 2 cores")
                .doesNotContain("old figures").endsWith(BenchMarkdown.README_END + "\nrest\n");
    }

    @Test
    void aReadmeWithoutTheMarkersIsRefused() {
        assertThatThrownBy(() -> BenchMarkdown.intoReadme("# Title\n", quickReport()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(BenchMarkdown.README_BEGIN);
    }

    @Test
    void aQuickRunSaysThatItJudgedNoGoal() {
        String markdown = BenchMarkdown.render(quickReport(), 2);

        assertThat(markdown).contains("quick run").doesNotContain("| goal");
        assertThat(BenchMarkdown.summary(quickReport())).isEqualTo("quick run: every benchmark measured, no goal judged");
    }

    @Test
    void theIndexShowsTheNewestBenchmarkRunThisVersionReads(@TempDir Path root) throws Exception {
        Path readable = Reports.writeBenchmarks(root, quickReport());
        Path newer = root.resolve(Reports.BENCHMARKS).resolve("99991231-235959");
        Files.createDirectories(newer);
        Files.writeString(newer.resolve("benchmarks.json"), "{\"closedLoop\": {\"buyers\": 32}}");
        ReportIndex.write(root);

        assertThat(Reports.latestBenchmarks(root)).hasValueSatisfying(latest -> assertThat(latest.getKey())
                .isEqualTo(readable));
        assertThat(Files.readString(root.resolve("index.html"))).contains("<h2>Benchmarks</h2>")
                .contains(root.relativize(readable.resolve("benchmarks.md")).toString());
    }

    private static BenchReport quickReport() {
        HopFigures hop = new HopFigures(1000, 0.5, 1.0);
        return BenchReport.judged("hardened", 2, Instant.parse("2026-12-07T15:00:00Z"), true, List.of(30.0),
                new ProxyOverhead(50, 1000, List.of(new ProxyOverhead.Round(hop, hop, hop)), 1000, hop),
                List.of(new ClosedLoop(32, 3, 300, 0, 100, 200)), List.of(), List.of(new HarnessUse(200, 3, 600, 0.4, 3, 70)));
    }
}
