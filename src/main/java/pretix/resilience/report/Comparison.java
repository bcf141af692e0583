package pretix.resilience.report;

import static org.apache.commons.text.StringEscapeUtils.escapeHtml4;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Two runs, or two sets of runs, side by side: each scenario's figures before (A) and after (B),
 * the difference of the medians, and whether B lies entirely beyond A's spread over its repeats
 * (then it is a change, for the better or the worse), or overlaps it (no change to speak of).
 */
final class Comparison {

    /** How B's values of a figure lie against A's. */
    enum Change {
        WORSE("worse"), BETTER("better"), WITHIN("within the spread");

        private final String words;

        Change(String words) {
            this.words = words;
        }

        String words() {
            return words;
        }
    }

    /** One figure of one pair. */
    record Line(TrendFigure figure, Spread a, Spread b, Change change) {

        static Line of(TrendFigure figure, Spread a, Spread b) {
            if (a == null || b == null) {
                boolean decided = figure.missingIsWorse() && (a == null) != (b == null);
                return new Line(figure, a, b, !decided ? Change.WITHIN : b == null ? Change.WORSE : Change.BETTER);
            }
            if (b.min() > a.max()) {
                return new Line(figure, a, b, figure.worse(a.max(), b.min()) ? Change.WORSE : Change.BETTER);
            }
            if (b.max() < a.min()) {
                return new Line(figure, a, b, figure.worse(a.min(), b.max()) ? Change.WORSE : Change.BETTER);
            }
            return new Line(figure, a, b, Change.WITHIN);
        }

        String difference() {
            return a == null || b == null ? "" : (b.median() >= a.median() ? "+" : "−")
                    + figure.format(Math.abs(b.median() - a.median()));
        }
    }

    /** A run of A and the run of B it is compared with, and every figure of both. */
    record Pair(Summary a, Summary b, List<Line> lines) {

        String label() {
            return a.scenario().name().equals(b.scenario().name()) ? a.scenario().name()
                    : a.scenario().name() + " → " + b.scenario().name();
        }
    }

    private final List<Pair> pairs;
    private final List<String> unmatched;

    private Comparison(List<Pair> pairs, List<String> unmatched) {
        this.pairs = pairs;
        this.unmatched = unmatched;
    }

    /**
     * Pairs the runs of A and B: two single runs with each other; else by scenario name (the
     * latest run of each), and what is left by the row of the N+1 matrix, so that a seed run and
     * a hardened run of the same fault meet.
     */
    static Comparison of(List<Summary> a, List<Summary> b) {
        List<Pair> pairs = new ArrayList<>();
        List<String> unmatched = new ArrayList<>();
        if (a.size() == 1 && b.size() == 1) {
            pairs.add(pair(a.get(0), b.get(0)));
            return new Comparison(pairs, unmatched);
        }
        Map<String, Summary> latestA = latest(a, summary -> summary.scenario().name());
        Map<String, Summary> latestB = latest(b, summary -> summary.scenario().name());
        List<Summary> restA = new ArrayList<>();
        latestA.forEach((name, run) -> {
            Summary other = latestB.remove(name);
            if (other != null) {
                pairs.add(pair(run, other));
            } else {
                restA.add(run);
            }
        });
        Map<Summary.MatrixRow, Summary> byRowB = latest(List.copyOf(latestB.values()), Summary::matrixRow);
        for (Summary run : restA) {
            Summary other = byRowB.remove(run.matrixRow());
            if (other != null) {
                pairs.add(pair(run, other));
            } else {
                unmatched.add("A: " + run.scenario().name());
            }
        }
        byRowB.values().forEach(run -> unmatched.add("B: " + run.scenario().name()));
        return new Comparison(pairs, unmatched);
    }

    private static <K> Map<K, Summary> latest(List<Summary> runs, Function<Summary, K> key) {
        return runs.stream().collect(Collectors.toMap(key, run -> run,
                (x, y) -> x.runId().compareTo(y.runId()) >= 0 ? x : y, LinkedHashMap::new));
    }

    private static Pair pair(Summary a, Summary b) {
        List<Line> lines = new ArrayList<>();
        for (TrendFigure figure : TrendFigure.values()) {
            lines.add(Line.of(figure, figure.of(a), figure.of(b)));
        }
        return new Pair(a, b, lines);
    }

    List<Pair> pairs() {
        return pairs;
    }

    /** Every figure that changed beyond the spread, worse ones first. */
    List<String> changes() {
        List<String> changes = new ArrayList<>();
        for (Change change : List.of(Change.WORSE, Change.BETTER)) {
            for (Pair pair : pairs) {
                pair.lines().stream().filter(line -> line.change() == change).forEach(line -> changes.add(
                        change.words() + ": " + pair.label() + " " + line.figure().label() + " " + spread(line, line.a())
                                + " → " + spread(line, line.b())));
            }
        }
        return changes;
    }

    private static String spread(Line line, Spread spread) {
        if (spread == null) {
            return "none";
        }
        return line.figure().format(spread.median()) + (spread.min() == spread.max() ? ""
                : " (" + line.figure().format(spread.min()) + "–" + line.figure().format(spread.max()) + ")");
    }

    /** Said when a run of one repeat takes part: without a spread, any difference counts. */
    private String caveat() {
        boolean single = pairs.stream().anyMatch(pair -> pair.a().repeats().size() < 2 || pair.b().repeats().size() < 2);
        return single ? " A run of a single repeat has no spread, so any difference counts: runs of `--repeat 3` or more"
                + " tell a change from noise." : "";
    }

    String markdown(String nameA, String nameB) {
        StringBuilder markdown = new StringBuilder("# Comparison\n\nA: `" + nameA + "`, B: `" + nameB + "`. A change is a"
                + " figure whose values in B all lie beyond A's spread over its repeats." + caveat() + "\n\n");
        List<String> changes = changes();
        markdown.append(changes.isEmpty() ? "No change beyond the runs' spread.\n" : changes.stream()
                .map(change -> "- " + change).collect(Collectors.joining("\n", "", "\n")));
        for (Pair pair : pairs) {
            markdown.append("\n## ").append(pair.label()).append("\n\n| figure | A | B | B − A | |\n|---|---|---|---|---|\n");
            for (Line line : pair.lines()) {
                markdown.append("| ").append(line.figure().label()).append(" | ").append(spread(line, line.a()))
                        .append(" | ").append(spread(line, line.b())).append(" | ").append(line.difference()).append(" | ")
                        .append(line.change() == Change.WITHIN ? "" : "**" + line.change().words() + "**").append(" |\n");
            }
        }
        if (!unmatched.isEmpty()) {
            markdown.append("\nWithout a counterpart: ").append(String.join(", ", unmatched)).append('\n');
        }
        return markdown.toString();
    }

    String html(String nameA, String nameB) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>Comparison</title><style>" + ReportIndex.STYLE + "</style></head><body>\n<h1>Comparison</h1>\n"
                + "<p>A: <code>" + escapeHtml4(nameA) + "</code>, B: <code>" + escapeHtml4(nameB) + "</code>. A change is"
                + " a figure whose values in B all lie beyond A's spread over its repeats." + escapeHtml4(caveat()) + "</p>\n");
        List<String> changes = changes();
        if (changes.isEmpty()) {
            html.append("<p id=\"changes\">No change beyond the runs' spread.</p>\n");
        } else {
            html.append("<ul id=\"changes\">\n");
            changes.forEach(change -> html.append("<li class=\"").append(change.startsWith("worse") ? "regression"
                    : "improvement").append("\">").append(escapeHtml4(change)).append("</li>\n"));
            html.append("</ul>\n");
        }
        for (Pair pair : pairs) {
            html.append("<h2>").append(escapeHtml4(pair.label())).append("</h2>\n<table class=\"comparison\"><tr>"
                    + "<th>figure</th><th>A</th><th>B</th><th>B − A</th><th></th></tr>\n");
            for (Line line : pair.lines()) {
                String css = line.change() == Change.WORSE ? "regression" : line.change() == Change.BETTER ? "improvement" : "";
                html.append("<tr class=\"").append(css).append("\"><td>").append(escapeHtml4(line.figure().label()))
                        .append("</td><td>").append(escapeHtml4(spread(line, line.a()))).append("</td><td>")
                        .append(escapeHtml4(spread(line, line.b()))).append("</td><td>")
                        .append(escapeHtml4(line.difference())).append("</td><td>")
                        .append(line.change() == Change.WITHIN ? "" : escapeHtml4(line.change().words())).append("</td></tr>\n");
            }
            html.append("</table>\n");
        }
        if (!unmatched.isEmpty()) {
            html.append("<p>Without a counterpart: ").append(escapeHtml4(String.join(", ", unmatched))).append("</p>\n");
        }
        return html.append("</body></html>\n").toString();
    }
}
