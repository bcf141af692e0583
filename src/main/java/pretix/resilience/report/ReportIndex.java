package pretix.resilience.report;

import static org.apache.commons.text.StringEscapeUtils.escapeHtml4;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import pretix.resilience.result.BenchReport;

/**
 * {@code reports/index.html} over every run under the root: the N+1 matrix (the latest run of
 * each tier, fault and profile), the changes of each scenario's latest run against its previous
 * ones with its trends, how many of each scenario's recorded repeats were as expected
 * (flakiness at a glance), the newest benchmark run's goals, then every run, newest first. {@code reports/index.md} has the
 * matrix and the changes, for a CI job summary.
 */
final class ReportIndex {

    static final String STYLE = "body{font:14px system-ui,sans-serif;margin:2em}"
            + "table{border-collapse:collapse}th,td{border:1px solid #ccc;padding:.25em .5em;text-align:left}"
            + ".pass{color:#2a8a2a}.fail{color:#c0392b;font-weight:bold}"
            + ".met{background:#dff0d8}.expected{background:#fcf3cf}.race{background:#fde2c4}"
            + ".unexpected{background:#f5c6cb;font-weight:bold}.empty{color:#999}"
            + ".legend span{padding:0 .4em;margin-right:.3em}.cell a{color:inherit}"
            + ".regression{color:#c0392b;font-weight:bold}.improvement{color:#2a8a2a}"
            + "svg.trend circle{fill:#4a6fa5}svg.regression circle{fill:#c0392b}svg.improvement circle{fill:#2a8a2a}";

    private ReportIndex() {}

    static void write(Path root) throws IOException {
        List<Summary> summaries = new ArrayList<>(Reports.summaries(root));
        summaries.sort(Comparator.comparing(Summary::runId).reversed());
        ResilienceMatrix matrix = ResilienceMatrix.of(summaries);
        Trends trends = Trends.of(summaries);
        Files.writeString(root.resolve("index.md"), "# Resilience runs\n\n" + matrix.markdown() + "\n"
                + trends.markdown());
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>Resilience runs</title><style>" + STYLE + "</style></head><body>\n"
                + "<h1>Resilience runs</h1>\n" + matrix.html() + trends.html() + tally(summaries) + benchmarks(root)
                + "<h2>Runs</h2>\n<table id=\"runs\"><tr><th>run</th><th>scenario</th><th>profile</th>"
                + "<th>verdict</th><th>repeats</th><th>recovery ms (median)</th><th>failed + unknown orders (median)</th>"
                + "<th>lost writes (median)</th><th>violated</th></tr>\n");
        for (Summary summary : summaries) {
            html.append("<tr><td><a href=\"").append(escapeHtml4(summary.runId())).append("/report.html\">")
                    .append(escapeHtml4(summary.runId())).append("</a></td><td>")
                    .append(escapeHtml4(summary.scenario().name())).append("</td><td>")
                    .append(escapeHtml4(summary.scenario().profile())).append("</td><td class=\"")
                    .append(summary.asExpected() ? "pass\">as expected" : "fail\">not as expected").append("</td><td>")
                    .append(summary.repeats().size()).append("</td><td>").append(median(summary, "recovery_ms"))
                    .append("</td><td>").append(failedAndUnknown(summary)).append("</td><td>")
                    .append(median(summary, "lost_writes")).append("</td><td>")
                    .append(escapeHtml4(summary.repeats().stream().flatMap(repeat -> repeat.violations().stream())
                            .distinct().toList().toString())).append("</td></tr>\n");
        }
        html.append("</table>\n</body></html>\n");
        Files.writeString(root.resolve("index.html"), html);
    }

    /** The newest benchmark run's goals, linked to its report; nothing when no benchmark ran. */
    static String benchmarks(Path root) throws IOException {
        Optional<Map.Entry<Path, BenchReport>> latest = Reports.latestBenchmarks(root);
        if (latest.isEmpty()) {
            return "";
        }
        BenchReport report = latest.get().getValue();
        String link = root.relativize(latest.get().getKey().resolve("benchmarks.md")).toString();
        StringBuilder html = new StringBuilder("<h2>Benchmarks</h2>\n<p><a href=\"").append(escapeHtml4(link)).append("\">")
                .append(escapeHtml4(BenchMarkdown.title(report)))
                .append("</a>: ").append(escapeHtml4(BenchMarkdown.summary(report))).append("</p>\n");
        if (!report.goals().isEmpty()) {
            html.append("<table id=\"benchmarks\"><tr><th>goal</th><th>measured</th><th>target</th><th></th></tr>\n");
            report.goals().forEach(goal -> html.append("<tr><td>").append(escapeHtml4(goal.goal())).append("</td><td>")
                    .append(escapeHtml4(BenchMarkdown.figure(goal))).append("</td><td>").append(escapeHtml4(goal.target()))
                    .append("</td><td class=\"").append(goal.met() ? "pass\">met" : "fail\">missed").append("</td></tr>\n"));
            html.append("</table>\n");
        }
        return html.toString();
    }

    /** Per scenario: its runs, and its repeats as expected out of all its recorded repeats. */
    static String tally(List<Summary> summaries) {
        record Count(String profile, int runs, long asExpected, long repeats) {
            static Count of(Summary summary) {
                return new Count(summary.scenario().profile(), 1,
                        summary.repeats().stream().filter(Summary.Repeat::asExpected).count(), summary.repeats().size());
            }

            Count plus(Count other) {
                return new Count(profile, runs + other.runs, asExpected + other.asExpected, repeats + other.repeats);
            }
        }
        Map<String, Count> counts = new TreeMap<>();
        summaries.forEach(summary -> counts.merge(summary.scenario().name(), Count.of(summary), Count::plus));
        StringBuilder html = new StringBuilder("<h2>Repeats as expected, per scenario</h2>\n<table id=\"tally\">"
                + "<tr><th>scenario</th><th>profile</th><th>runs</th><th>repeats as expected</th></tr>\n");
        counts.forEach((name, count) -> html.append("<tr><td>").append(escapeHtml4(name)).append("</td><td>")
                .append(escapeHtml4(count.profile())).append("</td><td>").append(count.runs()).append("</td><td class=\"")
                .append(count.asExpected() == count.repeats() ? "pass" : "fail").append("\">").append(count.asExpected())
                .append(" of ").append(count.repeats()).append("</td></tr>\n"));
        return html.append("</table>\n").toString();
    }

    private static String median(Summary summary, String figure) {
        Spread spread = summary.figures().get(figure);
        return spread == null ? "not recovered" : MarkdownReport.number(spread.median());
    }

    private static String failedAndUnknown(Summary summary) {
        return median(summary, "failed_orders") + " + " + median(summary, "unknown_orders");
    }
}
