package pretix.resilience.report;

import static org.apache.commons.text.StringEscapeUtils.escapeHtml4;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The N+1 matrix: a row per tier and fault (the scenario files say which, through their
 * timeline), a column per profile, and in each cell the latest run's recovery time, failed and
 * unknown orders, lost orders and writes and longest split brain, coloured by its verdict.
 */
final class ResilienceMatrix {

    private static final Comparator<Summary.MatrixRow> ROW_ORDER = Comparator.comparing(Summary.MatrixRow::tier)
            .thenComparing(Summary.MatrixRow::fault);

    private final List<String> profiles;
    private final Map<Summary.MatrixRow, Map<String, Summary>> cells;

    private ResilienceMatrix(List<String> profiles, Map<Summary.MatrixRow, Map<String, Summary>> cells) {
        this.profiles = profiles;
        this.cells = cells;
    }

    /** The latest run of each row and profile among the summaries. */
    static ResilienceMatrix of(List<Summary> summaries) {
        Map<Summary.MatrixRow, Map<String, Summary>> cells = new TreeMap<>(ROW_ORDER);
        TreeSet<String> profiles = new TreeSet<>(Comparator.comparing((String profile) -> !profile.equals("seed"))
                .thenComparing(Comparator.naturalOrder()));
        for (Summary summary : summaries) {
            String profile = summary.scenario().profile();
            profiles.add(profile);
            cells.computeIfAbsent(summary.matrixRow(), row -> new LinkedHashMap<>())
                    .merge(profile, summary, (a, b) -> a.runId().compareTo(b.runId()) >= 0 ? a : b);
        }
        return new ResilienceMatrix(List.copyOf(profiles), cells);
    }

    List<String> profiles() {
        return profiles;
    }

    /** The run filling a cell, or null. */
    Summary cell(Summary.MatrixRow row, String profile) {
        return cells.getOrDefault(row, Map.of()).get(profile);
    }

    List<Summary.MatrixRow> rows() {
        return List.copyOf(cells.keySet());
    }

    /** For instance "3.2 s (2.9–3.4), 0 / 63 orders failed / unknown, 0 lost, 0 writes lost, split brain 0 s". */
    static String figures(Summary summary) {
        Spread recovery = summary.figures().get("recovery_ms");
        return (recovery == null ? "not recovered" : seconds(recovery.median())
                + (recovery.min() == recovery.max() ? "" : " (" + seconds(recovery.min()) + "–" + seconds(recovery.max()) + ")"))
                + ", " + median(summary, "failed_orders") + " / " + median(summary, "unknown_orders")
                + " orders failed / unknown, " + median(summary, "lost_orders") + " lost, "
                + median(summary, "lost_writes") + " writes lost, split brain "
                + Spread.orNull(summary.figures().get("longest_split_brain_ms"), ResilienceMatrix::seconds);
    }

    private static String median(Summary summary, String figure) {
        return Spread.orNull(summary.figures().get(figure), MarkdownReport::number);
    }

    private static String seconds(double milliseconds) {
        return MarkdownReport.number(Math.round(milliseconds / 100.0) / 10.0) + " s";
    }

    String html() {
        StringBuilder html = new StringBuilder("<h2>N+1 matrix</h2>\n<p class=\"legend\">Each cell is the latest run:"
                + " recovery median (min–max over its repeats), orders, lost orders and writes, longest split brain."
                + " <span class=\"met\">met</span> <span class=\"expected\">missed as expected</span>"
                + " <span class=\"race\">missed, allowed race</span> <span class=\"unexpected\">missed unexpectedly</span>"
                + "</p>\n<table id=\"matrix\"><tr><th>tier</th><th>fault</th>");
        profiles.forEach(profile -> html.append("<th>").append(escapeHtml4(profile)).append("</th>"));
        html.append("</tr>\n");
        for (Summary.MatrixRow row : rows()) {
            html.append("<tr><td>").append(escapeHtml4(row.tier())).append("</td><td>").append(escapeHtml4(row.fault()))
                    .append("</td>");
            for (String profile : profiles) {
                Summary run = cell(row, profile);
                if (run == null) {
                    html.append("<td class=\"empty\">no run</td>");
                } else {
                    CellVerdict verdict = CellVerdict.of(run);
                    html.append("<td class=\"cell ").append(verdict.cssClass()).append("\" title=\"")
                            .append(escapeHtml4(run.scenario().name() + ": " + verdict.words())).append("\"><a href=\"")
                            .append(escapeHtml4(run.runId())).append("/report.html\">")
                            .append(escapeHtml4(figures(run))).append("</a></td>");
                }
            }
            html.append("</tr>\n");
        }
        return html.append("</table>\n").toString();
    }

    String markdown() {
        StringBuilder markdown = new StringBuilder("## N+1 matrix\n\n| tier | fault |");
        profiles.forEach(profile -> markdown.append(' ').append(profile).append(" |"));
        markdown.append("\n|---|---|").append("---|".repeat(profiles.size())).append('\n');
        for (Summary.MatrixRow row : rows()) {
            markdown.append("| ").append(row.tier()).append(" | ").append(row.fault().replace("|", "\\|")).append(" |");
            for (String profile : profiles) {
                Summary run = cell(row, profile);
                markdown.append(' ').append(run == null ? "no run" : CellVerdict.of(run).words() + ": " + figures(run))
                        .append(" |");
            }
            markdown.append('\n');
        }
        return markdown.toString();
    }
}
