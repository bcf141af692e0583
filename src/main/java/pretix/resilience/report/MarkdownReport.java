package pretix.resilience.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import pretix.resilience.check.Disruption;
import pretix.resilience.check.FaultRecovery;
import pretix.resilience.check.OfferedLoad;
import pretix.resilience.check.PhaseAvailability;
import pretix.resilience.result.RunPlan;
import pretix.resilience.slo.SloResult;

/** {@code report.md}: the verdict, the SLO table, the N+1 matrix and the SLA view, for a CI job summary. */
final class MarkdownReport {

    private MarkdownReport() {}

    static String render(Summary summary) {
        StringBuilder md = new StringBuilder();
        md.append("## ").append(summary.asExpected() ? "✅" : "❌").append(" ").append(summary.scenario().name())
                .append(" (").append(summary.scenario().profile()).append(")\n\n")
                .append(summary.scenario().description().trim()).append("\n\n")
                .append("Run `").append(summary.runId()).append("`, seed ").append(summary.seed()).append(", ")
                .append(summary.repeats().size()).append(" repeat(s), expected violations ")
                .append(summary.scenario().expectation()).append(".\n\n");
        summary.aborted().forEach(aborted -> md.append("**").append(cell(aborted))
                .append("**: judged on what it recorded until then, not as expected.\n\n"));
        md.append("| repeat | objective | target | measured | verdict |\n|---|---|---|---|---|\n");
        for (Summary.Repeat repeat : summary.repeats()) {
            for (SloResult slo : repeat.slos()) {
                String verdict = summary.scenario().expectation().verdictOf(slo);
                md.append("| ").append(repeat.repeat()).append(" | ").append(slo.id()).append(" | ")
                        .append(cell(slo.target())).append(" | ").append(cell(slo.measured())).append(" | ")
                        .append(slo.met() ? verdict : "**" + verdict + "**").append(" |\n");
            }
        }
        md.append("\n| repeat | fault | node | recovery ms | new orders ok after ms | disrupted after the heal ms | orders"
                + " | failed | unknown |\n|---|---|---|---|---|---|---|---|---|\n");
        for (Summary.Repeat repeat : summary.repeats()) {
            for (FaultRecovery fault : repeat.result().faults()) {
                md.append("| ").append(repeat.repeat()).append(" | ").append(cell(fault.fault())).append(" | ")
                        .append(fault.node()).append(" | ")
                        .append(fault.recoveryMs() == null ? "not recovered" : fault.recoveryMs()).append(" | ")
                        .append(fault.newOrdersRecoveryMs() == null ? "–" : fault.newOrdersRecoveryMs()).append(" | ")
                        .append(healDisruption(fault)).append(" | ")
                        .append(fault.orders()).append(" | ").append(fault.failedOrders()).append(" | ")
                        .append(fault.unknownOrders()).append(" |\n");
            }
        }
        md.append("\n| repeat | fault | operations | recovery ms | after the heal: disrupted ms | ok under the fault"
                + " | ok after the heal |\n|---|---|---|---|---|---|---|\n");
        for (Summary.Repeat repeat : summary.repeats()) {
            for (FaultRecovery fault : repeat.result().faults()) {
                for (Disruption kind : fault.operations()) {
                    md.append("| ").append(repeat.repeat()).append(" | ").append(cell(fault.fault())).append(" | ")
                            .append(kind.operations()).append(" | ")
                            .append(kind.recoveryMs() == null ? "not recovered" : kind.recoveryMs()).append(" | ")
                            .append(kind.healDisruptionMs() == null ? "–" : kind.healDisruptionMs()).append(" | ")
                            .append(kind.underFaultOk()).append(" of ").append(kind.underFault()).append(" | ")
                            .append(kind.afterHealOk()).append(" of ").append(kind.afterHeal()).append(" |\n");
                }
            }
        }
        for (Summary.Repeat repeat : summary.repeats()) {
            if (repeat.result().orderLoad() != null) {
                md.append("\nRepeat ").append(repeat.repeat()).append(", load: ")
                        .append(cell(describe(repeat.result().orderLoad(), repeat.result().plan()))).append('\n');
            }
            for (PhaseAvailability phase : repeat.result().loadPhases()) {
                md.append("- ").append(cell(phase.phase())).append(": ").append(phase.ok()).append(" of ")
                        .append(phase.invoked()).append(" acknowledged (").append(phase.shed()).append(" shed), p99 ")
                        .append(phase.latency() == null ? "–" : number(phase.latency().p99Ms())).append(" ms\n");
            }
            if (!repeat.result().failures().isEmpty()) {
                md.append("\nRepeat ").append(repeat.repeat()).append(", operations that did not succeed:\n");
                repeat.result().failures().forEach(group -> md.append("- ").append(cell(group.describe())).append('\n'));
            }
            if (!repeat.result().leftBehind().isEmpty()) {
                md.append("\nRepeat ").append(repeat.repeat()).append(" left the stack unlike a fresh one: ")
                        .append(cell(String.join("; ", repeat.result().leftBehind()))).append('\n');
            }
        }
        md.append("\n| figure | min | median | max |\n|---|---|---|---|\n");
        for (Map.Entry<String, Spread> figure : summary.figures().entrySet()) {
            Spread spread = figure.getValue();
            md.append("| ").append(figure.getKey()).append(" | ")
                    .append(spread == null ? "– | – | –" : number(spread.min()) + " | " + number(spread.median())
                            + " | " + number(spread.max())).append(" |\n");
        }
        md.append("\n| SLA dimension | objectives | measured | verdict |\n|---|---|---|---|\n");
        for (SlaCompliance.Row row : SlaCompliance.of(summary)) {
            md.append("| ").append(row.dimension()).append(" | ").append(cell(row.targets())).append(" | ")
                    .append(cell(row.measured())).append(" | ").append(row.verdict()).append(" |\n");
        }
        return md.toString();
    }

    /** The longest disruption after the fault's heal over every kind of operation, for the N+1 matrix. */
    static String healDisruption(FaultRecovery fault) {
        if (fault.operations().isEmpty()) {
            return "–";
        }
        if (fault.healedMs() == null) {
            return "not healed";
        }
        List<Long> disruptions = fault.operations().stream().map(Disruption::healDisruptionMs).toList();
        return disruptions.contains(null) ? "not settled"
                : String.valueOf(disruptions.stream().mapToLong(Long::longValue).max().orElse(0));
    }

    /** "offered 10 orders/s (constant arrivals, at most 1000 in flight): 300 due, 0 shed, …". */
    static String describe(OfferedLoad load, RunPlan plan) {
        return String.format(Locale.ROOT, "offered %s (%s arrivals, at most %d in flight): %d due, %d sent,"
                        + " %d shed, at most %d in flight at once, %s acknowledged/s; the harness sent each order within"
                        + " %s ms of its intended start", plan.describeRate(), plan.arrivals().id(),
                plan.maxInFlight(), load.arrivals(), load.sent(), load.shed(), load.peakInFlight(),
                number(Math.round(load.acknowledgedPerSecond() * 10) / 10.0),
                number(Math.round(load.maxSendLagMs() * 10) / 10.0));
    }

    static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
