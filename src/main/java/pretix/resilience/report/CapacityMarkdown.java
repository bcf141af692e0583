package pretix.resilience.report;

import java.util.Locale;
import pretix.resilience.result.CapacityReport;
import pretix.resilience.result.CapacityStep;

/** {@code capacity.md}: a capacity search's steps, the sustained rate and where the stack gave out. */
public final class CapacityMarkdown {

    private CapacityMarkdown() {}

    public static String summary(CapacityReport report) {
        String sustained = report.sustained().map(step -> "sustained " + MarkdownReport.number(step.offeredPerSecond())
                + " orders/s (p99 " + MarkdownReport.number(step.latency().p99Ms()) + " ms)").orElse("no rate sustained");
        return report.profile() + " on " + report.cores() + " cores: " + sustained + report.firstMissed()
                .map(step -> "; at " + MarkdownReport.number(step.offeredPerSecond()) + " orders/s it missed, busiest tier "
                        + step.busiestTier() + " (" + String.format(Locale.ROOT, "%.2f", step.coresByTier()
                        .getOrDefault(step.busiestTier(), 0.0)) + " cores)").orElse("; every step was met");
    }

    public static String render(CapacityReport report) {
        StringBuilder md = new StringBuilder("## Capacity: ").append(report.profile()).append(", ")
                .append(report.cores()).append(" cores, ").append(report.measuredAt()).append("\n\n")
                .append(summary(report)).append(".\n\nEach rate held ").append(report.stepLength().toSeconds())
                .append(" s, open loop; a step is met when every order due was acknowledged, none shed, and p99 ≤ ")
                .append(MarkdownReport.number(report.p99LimitMs())).append(" ms (latency from each order's intended start).\n\n")
                .append("| orders/s | due | ok % | shed | acknowledged/s | p50 ms | p99 ms | max ms | CPU cores by tier"
                        + " | met |\n")
                .append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (CapacityStep step : report.steps()) {
            md.append(String.format(Locale.ROOT, "| %s | %d | %.1f | %d | %.1f | %s | %s | %s | %s | %s |%n",
                    MarkdownReport.number(step.offeredPerSecond()), step.load().arrivals(), step.availability() * 100,
                    step.load().shed(), step.load().acknowledgedPerSecond(), MarkdownReport.number(step.latency().p50Ms()),
                    MarkdownReport.number(step.latency().p99Ms()), MarkdownReport.number(step.latency().maxMs()), cores(step),
                    step.sustained() ? "yes" : "no"));
        }
        return md.toString();
    }

    private static String cores(CapacityStep step) {
        StringBuilder text = new StringBuilder();
        step.coresByTier().entrySet().stream().sorted((a, b) -> Double.compare(b.getValue(), a.getValue()))
                .forEach(tier -> text.append(text.length() == 0 ? "" : ", ").append(tier.getKey()).append(' ')
                        .append(String.format(Locale.ROOT, "%.2f", tier.getValue())));
        return text.toString();
    }
}
