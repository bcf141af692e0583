package pretix.resilience.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import pretix.resilience.history.History;
import pretix.resilience.run.RunFiles;
import pretix.resilience.run.ScenarioOutcome;

/**
 * The files of a scenario run under {@code reports/<run-id>/}: {@code summary.json}, then
 * {@code report.html}, {@code report.md} and {@code junit.xml} rendered from it and the repeats'
 * histories; and {@code reports/index.html} over every run there.
 */
public final class Reports {

    public static final Path ROOT = Path.of("reports");
    private static final DateTimeFormatter RUN_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    private Reports() {}

    /** {@code 20261128-021500-hardened-redis-master-killed}: runs sort by time, and say what they ran. */
    public static String runId(String scenario, Instant started) {
        return RUN_TIME.format(started) + "-" + scenario;
    }

    public static Summary write(Path root, String runId, ScenarioOutcome outcome) throws IOException {
        Path directory = root.resolve(runId);
        Files.createDirectories(directory);
        Summary summary = Summary.of(runId, outcome);
        RunFiles.JSON.writeValue(directory.resolve("summary.json").toFile(), summary);
        render(directory);
        return summary;
    }

    /** Renders the reports of a run directory from its recorded evidence alone, and the index of its root. */
    public static Summary render(Path directory) throws IOException {
        Summary summary = RunFiles.JSON.readValue(directory.resolve("summary.json").toFile(), Summary.class);
        List<TimeSeries> series = new ArrayList<>();
        for (Summary.Repeat repeat : summary.repeats()) {
            Path evidence = directory.resolve(ScenarioOutcome.repeatDirectory(repeat.repeat()));
            series.add(TimeSeries.of(History.readJsonl(RunFiles.history(evidence))));
        }
        Files.writeString(directory.resolve("report.html"), HtmlReport.render(summary, series));
        Files.writeString(directory.resolve("report.md"), MarkdownReport.render(summary));
        Files.writeString(directory.resolve("junit.xml"), JunitReport.render(summary));
        ReportIndex.write(directory.toAbsolutePath().getParent());
        return summary;
    }
}
