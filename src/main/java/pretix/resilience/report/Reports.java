package pretix.resilience.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import pretix.resilience.history.History;
import pretix.resilience.result.BenchReport;
import pretix.resilience.run.RunFiles;
import pretix.resilience.run.ScenarioOutcome;

/**
 * The files of a scenario run under {@code reports/<run-id>/}: {@code summary.json}, then
 * {@code report.html}, {@code report.md} and {@code junit.xml} rendered from it and the repeats'
 * histories; a benchmark run's under {@code reports/benchmarks/<time>/}; and {@code
 * reports/index.html} over every run there.
 */
public final class Reports {

    public static final Path ROOT = Path.of("reports");
    /** Under the root: one directory per benchmark run, named by its time. */
    static final String BENCHMARKS = "benchmarks";
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

    /**
     * The runs a path names: a run directory (with its {@code summary.json}), or a directory of
     * runs such as {@code reports/} (or its {@code index.html}), every run in it.
     */
    public static List<Summary> summaries(Path path) throws IOException {
        Path directory = Files.isRegularFile(path) ? path.toAbsolutePath().getParent() : path;
        if (Files.isRegularFile(directory.resolve("summary.json"))) {
            return List.of(RunFiles.JSON.readValue(directory.resolve("summary.json").toFile(), Summary.class));
        }
        if (!Files.isDirectory(directory)) {
            throw new IOException(path + " is neither a run directory nor a directory of runs");
        }
        List<Summary> summaries = new ArrayList<>();
        try (Stream<Path> runs = Files.list(directory)) {
            for (Path summary : runs.map(run -> run.resolve("summary.json")).filter(Files::isRegularFile).sorted().toList()) {
                summaries.add(RunFiles.JSON.readValue(summary.toFile(), Summary.class));
            }
        }
        return summaries;
    }

    /**
     * Compares the runs of {@code a} with those of {@code b} (each a run or a directory of runs),
     * writes {@code compare.html} and {@code compare.md} to {@code out}, and returns the Markdown.
     */
    public static String compare(Path a, Path b, Path out) throws IOException {
        List<Summary> before = summaries(a);
        List<Summary> after = summaries(b);
        if (before.isEmpty() || after.isEmpty()) {
            throw new IOException((before.isEmpty() ? a : b) + " holds no run (no summary.json)");
        }
        Comparison comparison = Comparison.of(before, after);
        String markdown = comparison.markdown(a.toString(), b.toString());
        Files.createDirectories(out);
        Files.writeString(out.resolve("compare.md"), markdown);
        Files.writeString(out.resolve("compare.html"), comparison.html(a.toString(), b.toString()));
        return markdown;
    }

    /** Writes {@code benchmarks.json} and {@code benchmarks.md} to a directory of the run's own, and the index. */
    public static Path writeBenchmarks(Path root, BenchReport report) throws IOException {
        Path directory = root.resolve(BENCHMARKS).resolve(RUN_TIME.format(report.measuredAt()));
        Files.createDirectories(directory);
        RunFiles.JSON.writeValue(directory.resolve("benchmarks.json").toFile(), report);
        Files.writeString(directory.resolve("benchmarks.md"), BenchMarkdown.render(report, 2));
        ReportIndex.write(root);
        return directory;
    }

    /** The newest benchmark run under the root that this version reads, with its directory, if any. */
    static Optional<Map.Entry<Path, BenchReport>> latestBenchmarks(Path root) throws IOException {
        Path benchmarks = root.resolve(BENCHMARKS);
        if (!Files.isDirectory(benchmarks)) {
            return Optional.empty();
        }
        List<Path> newestFirst;
        try (Stream<Path> runs = Files.list(benchmarks)) {
            newestFirst = runs.filter(run -> Files.isRegularFile(run.resolve("benchmarks.json")))
                    .sorted(Comparator.reverseOrder()).toList();
        }
        for (Path run : newestFirst) {
            try {
                return Optional.of(Map.entry(run, RunFiles.JSON.readValue(run.resolve("benchmarks.json").toFile(),
                        BenchReport.class)));
            } catch (JsonProcessingException writtenByAnotherVersion) {
                // an older run's figures in a shape this version no longer reads: the one before it may still do
            }
        }
        return Optional.empty();
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
