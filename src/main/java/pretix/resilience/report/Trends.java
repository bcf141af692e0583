package pretix.resilience.report;

import static org.apache.commons.text.StringEscapeUtils.escapeHtml4;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Each scenario's figures over its recorded runs, oldest first, and the changes: a run whose
 * median lies outside everything the previous {@value #WINDOW} runs measured (every repeat's
 * value, not only their medians), once at least {@value #LEAST_PREVIOUS} runs came before it.
 */
final class Trends {

    static final int WINDOW = 5;
    static final int LEAST_PREVIOUS = 2;
    private static final int WIDTH = 160;
    private static final int HEIGHT = 36;

    /** A figure of the latest run beyond the previous runs' spread. */
    record Change(String scenario, String runId, TrendFigure figure, Double latest, double lowest, double highest,
                  boolean worse) {

        String describe() {
            String now = latest == null ? "none (never recovered)" : figure.format(latest);
            return (worse ? "regression" : "improvement") + ": " + scenario + " " + figure.label() + " " + now
                    + ", the previous runs " + figure.format(lowest) + "–" + figure.format(highest) + " (" + runId + ")";
        }
    }

    private final Map<String, List<Summary>> runsByScenario;

    private Trends(Map<String, List<Summary>> runsByScenario) {
        this.runsByScenario = runsByScenario;
    }

    static Trends of(List<Summary> summaries) {
        Map<String, List<Summary>> byScenario = summaries.stream().sorted(Comparator.comparing(Summary::runId))
                .collect(Collectors.groupingBy(summary -> summary.scenario().name(), TreeMap::new, Collectors.toList()));
        return new Trends(byScenario);
    }

    /** Regressions first, then improvements, each scenario's latest run against the ones before it. */
    List<Change> changes() {
        List<Change> changes = new ArrayList<>();
        runsByScenario.forEach((scenario, runs) -> {
            for (TrendFigure figure : TrendFigure.CHARTED) {
                change(scenario, runs, figure).ifPresent(changes::add);
            }
        });
        changes.sort(Comparator.comparing((Change change) -> !change.worse()).thenComparing(Change::scenario));
        return changes;
    }

    private static Optional<Change> change(String scenario, List<Summary> runs, TrendFigure figure) {
        if (runs.size() < LEAST_PREVIOUS + 1) {
            return Optional.empty();
        }
        Summary latest = runs.get(runs.size() - 1);
        List<Spread> previous = runs.subList(Math.max(0, runs.size() - 1 - WINDOW), runs.size() - 1).stream()
                .map(figure::of).filter(Objects::nonNull).toList();
        if (previous.size() < LEAST_PREVIOUS) {
            return Optional.empty();
        }
        double lowest = previous.stream().mapToDouble(Spread::min).min().orElseThrow();
        double highest = previous.stream().mapToDouble(Spread::max).max().orElseThrow();
        Spread now = figure.of(latest);
        if (now == null) {
            return figure.missingIsWorse()
                    ? Optional.of(new Change(scenario, latest.runId(), figure, null, lowest, highest, true))
                    : Optional.empty();
        }
        double median = now.median();
        if (median >= lowest && median <= highest) {
            return Optional.empty();
        }
        boolean worse = figure.worse(median > highest ? highest : lowest, median);
        return Optional.of(new Change(scenario, latest.runId(), figure, median, lowest, highest, worse));
    }

    String html() {
        List<Change> changes = changes();
        StringBuilder html = new StringBuilder("<h2>Changes since the previous runs</h2>\n");
        if (changes.isEmpty()) {
            html.append("<p id=\"changes\">none: every scenario's latest run lies within the spread of its previous ")
                    .append(WINDOW).append(" (a scenario needs ").append(LEAST_PREVIOUS + 1).append(" runs)</p>\n");
        } else {
            html.append("<ul id=\"changes\">\n");
            changes.forEach(change -> html.append("<li class=\"").append(change.worse() ? "regression" : "improvement")
                    .append("\">").append(escapeHtml4(change.describe())).append("</li>\n"));
            html.append("</ul>\n");
        }
        html.append("<h2>Trends</h2>\n<table id=\"trends\"><tr><th>scenario</th><th>runs</th>");
        for (TrendFigure figure : TrendFigure.CHARTED) {
            html.append("<th>").append(escapeHtml4(figure.label())).append(" (median per run)</th>");
        }
        html.append("</tr>\n");
        runsByScenario.forEach((scenario, runs) -> {
            html.append("<tr><td>").append(escapeHtml4(scenario)).append("</td><td>").append(runs.size()).append("</td>");
            for (TrendFigure figure : TrendFigure.CHARTED) {
                html.append("<td>").append(sparkline(runs, figure, change(scenario, runs, figure).orElse(null)))
                        .append("</td>");
            }
            html.append("</tr>\n");
        });
        return html.append("</table>\n").toString();
    }

    String markdown() {
        List<Change> changes = changes();
        if (changes.isEmpty()) {
            return "## Changes since the previous runs\n\nnone\n";
        }
        return "## Changes since the previous runs\n\n" + changes.stream().map(change -> "- " + change.describe())
                .collect(Collectors.joining("\n")) + "\n";
    }

    /** One point per run (its median), the latest marked, with its value in words. */
    private static String sparkline(List<Summary> runs, TrendFigure figure, Change change) {
        List<Double> medians = runs.stream().map(figure::of).map(spread -> spread == null ? null : spread.median())
                .toList();
        List<Double> known = medians.stream().filter(Objects::nonNull).toList();
        if (known.isEmpty()) {
            return "none";
        }
        double low = known.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double high = known.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        double span = high == low ? 1 : high - low;
        double step = medians.size() == 1 ? 0 : (WIDTH - 8) / (double) (medians.size() - 1);
        StringBuilder points = new StringBuilder();
        double lastX = 4;
        double lastY = HEIGHT / 2.0;
        for (int i = 0; i < medians.size(); i++) {
            if (medians.get(i) != null) {
                lastX = 4 + i * step;
                lastY = HEIGHT - 4 - (medians.get(i) - low) / span * (HEIGHT - 8);
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", lastX, lastY));
            }
        }
        Double latest = medians.get(medians.size() - 1);
        String mark = change == null ? "steady" : change.worse() ? "regression" : "improvement";
        return String.format(Locale.ROOT, "<svg class=\"trend %s\" width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"%s\">"
                + "<polyline points=\"%s\" fill=\"none\" stroke=\"#4a6fa5\" stroke-width=\"1.5\"/>"
                + "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\"/></svg> %s", mark, WIDTH, HEIGHT,
                escapeHtml4(figure.label() + " over " + runs.size() + " runs"), points.toString().trim(), lastX, lastY,
                latest == null ? "none" : escapeHtml4(figure.format(latest)));
    }
}
