package pretix.resilience.report;

import java.util.Locale;
import java.util.stream.Collectors;
import pretix.resilience.result.CapacityReport;
import pretix.resilience.result.CapacitySearches;
import pretix.resilience.result.CapacityStep;

/** {@code capacity.md}: capacity searches' steps, the median sustained rate and what limited the stack where it gave out. */
public final class CapacityMarkdown {

    private CapacityMarkdown() {}

    /** "hardened on 2 cores: sustained 20 orders/s, the median of 3 searches (18, 20, 22); at 22 orders/s ...". */
    public static String summary(CapacitySearches searches) {
        String each = searches.searches().stream().map(search -> search.sustained()
                .map(step -> MarkdownReport.number(step.offeredPerSecond())).orElse("none")).collect(Collectors.joining(", "));
        String limit = searches.median().flatMap(CapacityReport::firstMissed)
                .map(step -> "; the median search missed at " + MarkdownReport.number(step.offeredPerSecond())
                        + " orders/s, limited by " + step.cpuVerdict(searches.cores()))
                .orElse("; the median search met every step");
        return searches.profile() + " on " + searches.cores() + " cores: sustained "
                + MarkdownReport.number(searches.medianSustainedPerSecond()) + " orders/s, the median of "
                + searches.searches().size() + " searches (" + each + ")" + limit;
    }

    public static String render(CapacitySearches searches) {
        StringBuilder md = new StringBuilder("## Capacity: ").append(searches.profile()).append(", ")
                .append(searches.cores()).append(" cores, ").append(searches.measuredAt()).append("\n\n")
                .append(summary(searches)).append(".\n");
        int number = 1;
        for (CapacityReport search : searches.searches()) {
            md.append("\n### Search ").append(number++).append(" (a fresh stack)\n\nEach rate held ")
                    .append(search.stepLength().toSeconds()).append(" s, open loop; a step is met when every order due was"
                            + " acknowledged, none shed, and p99 ≤ ").append(MarkdownReport.number(search.p99LimitMs()))
                    .append(" ms (latency from each order's intended start). CPU in cores from Docker's counters;"
                            + " the harness's from its process.\n\n")
                    .append("| orders/s | due | ok % | shed | acknowledged/s | p50 ms | p99 ms | max ms | CPU cores by tier"
                            + " | busiest node | harness | met |\n")
                    .append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
            for (CapacityStep step : search.steps()) {
                md.append(String.format(Locale.ROOT, "| %s | %d | %.1f | %d | %.1f | %s | %s | %s | %s | %s %.2f | %.2f | %s |%n",
                        MarkdownReport.number(step.offeredPerSecond()), step.load().arrivals(), step.availability() * 100,
                        step.load().shed(), step.load().acknowledgedPerSecond(), MarkdownReport.number(step.latency().p50Ms()),
                        MarkdownReport.number(step.latency().p99Ms()), MarkdownReport.number(step.latency().maxMs()),
                        cores(step), step.busiestNode(), step.coresByNode().getOrDefault(step.busiestNode(), 0.0),
                        step.harnessCores(), step.sustained() ? "yes" : "no"));
            }
        }
        return md.toString();
    }

    private static String cores(CapacityStep step) {
        return step.coresByTier().entrySet().stream().sorted((a, b) -> Double.compare(b.getValue(), a.getValue()))
                .map(tier -> tier.getKey() + " " + String.format(Locale.ROOT, "%.2f", tier.getValue()))
                .collect(Collectors.joining(", "));
    }
}
