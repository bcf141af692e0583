package pretix.resilience.report;

import static org.apache.commons.text.StringEscapeUtils.escapeHtml4;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import pretix.resilience.check.Disruption;
import pretix.resilience.check.FailedOperations;
import pretix.resilience.check.LatencySummary;
import pretix.resilience.check.MemoryUse;
import pretix.resilience.check.OfferedLoad;
import pretix.resilience.check.OrderIntegrity;
import pretix.resilience.check.PhaseAvailability;
import pretix.resilience.check.FaultRecovery;
import pretix.resilience.run.RunFiles;
import pretix.resilience.result.RunResult;
import pretix.resilience.slo.SloResult;

/**
 * {@code report.html}: one self-contained page that works offline (uPlot, its stylesheet and the
 * data are inlined): the verdict, the SLO table, the N+1 matrix, the figures over the repeats,
 * integrity, peak memory per tier, the SLA view, charts over time with fault spans and writer changes, and the
 * environment fingerprint.
 */
final class HtmlReport {

    private static final String UPLOT = "META-INF/resources/webjars/uplot/1.6.30/dist/";

    private final StringBuilder html = new StringBuilder();

    private HtmlReport() {}

    static String render(Summary summary, List<TimeSeries> series) {
        return new HtmlReport().page(summary, series);
    }

    private String page(Summary summary, List<TimeSeries> series) {
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(escapeHtml4(summary.scenario().name())).append(" – resilience report</title><style>")
                .append(resource(UPLOT + "uPlot.min.css")).append(resource("report/report.css"))
                .append("</style></head><body>\n");
        html.append("<h1>").append(escapeHtml4(summary.scenario().name())).append(" <span class=\"verdict ")
                .append(summary.asExpected() ? "pass\">as expected" : !summary.aborted().isEmpty() ? "fail\">aborted"
                        : "fail\">not as expected").append("</span></h1>\n")
                .append("<p>").append(escapeHtml4(summary.scenario().description())).append("</p>\n<p>Run ")
                .append(escapeHtml4(summary.runId())).append(", profile ").append(escapeHtml4(summary.scenario().profile()))
                .append(", SLO profile ").append(escapeHtml4(summary.scenario().sloProfile())).append(", seed ")
                .append(summary.seed()).append(", ").append(summary.repeats().size())
                .append(" repeat(s); expected violations: ")
                .append(escapeHtml4(String.valueOf(summary.scenario().expectation()))).append(".</p>\n");
        for (String aborted : summary.aborted()) {
            html.append("<p class=\"aborted\">").append(escapeHtml4(aborted))
                    .append(": judged on what it recorded until then, not as expected.</p>\n");
        }
        sloTable(summary);
        matrix(summary);
        figures(summary);
        integrity(summary);
        load(summary);
        disruptions(summary);
        failures(summary);
        memory(summary);
        sla(summary);
        charts(summary, series);
        fingerprint(summary);
        html.append("<script>").append(resource(UPLOT + "uPlot.iife.min.js")).append("</script>\n<script>window.REPEATS = ")
                .append(json(series).replace("</", "<\\/")).append(";</script>\n<script>")
                .append(resource("report/charts.js")).append("</script>\n</body></html>\n");
        return html.toString();
    }

    private void sloTable(Summary summary) {
        table("slo-table", "Service-level objectives", "repeat", "objective", "target", "measured", "verdict");
        for (Summary.Repeat repeat : summary.repeats()) {
            for (SloResult slo : repeat.slos()) {
                html.append("<tr><td>").append(repeat.repeat()).append("</td><td>").append(slo.id()).append("</td>");
                cells(slo.target(), slo.measured());
                html.append("<td class=\"").append(slo.met() ? "met" : "missed").append("\">")
                        .append(summary.scenario().expectation().verdictOf(slo)).append("</td></tr>\n");
            }
        }
        html.append("</table>\n");
    }

    private void matrix(Summary summary) {
        table("n1-matrix", "N+1 matrix", "repeat", "fault", "node", "recovery ms", "new orders ok after ms",
                "disrupted after the heal ms", "orders under fault", "failed", "unknown", "lost writes");
        for (Summary.Repeat repeat : summary.repeats()) {
            RunResult run = repeat.result();
            int lostWrites = run.redisWrites().lost().size() + run.postgresWrites().lost().size();
            for (FaultRecovery fault : run.faults()) {
                html.append("<tr><td>").append(repeat.repeat()).append("</td>");
                cells(fault.fault(), fault.node(), fault.recoveryMs() == null ? "not recovered" : fault.recoveryMs(),
                        fault.newOrdersRecoveryMs() == null ? "–" : fault.newOrdersRecoveryMs(),
                        MarkdownReport.healDisruption(fault), fault.orders(), fault.failedOrders(), fault.unknownOrders(),
                        lostWrites);
                html.append("</tr>\n");
            }
        }
        html.append("</table>\n");
    }

    /** Per fault and kind of operation: recovery from the injection, disruption after the heal, availability. */
    private void disruptions(Summary summary) {
        table("disruptions", "Each fault per kind of operation (probes through the faulted node left out)", "repeat",
                "fault", "operations", "recovery ms", "after the heal: disrupted ms", "available under the fault",
                "available after the heal");
        for (Summary.Repeat repeat : summary.repeats()) {
            for (FaultRecovery fault : repeat.result().faults()) {
                for (Disruption kind : fault.operations()) {
                    html.append("<tr><td>").append(repeat.repeat()).append("</td>");
                    cells(fault.fault(), kind.operations(), kind.recoveryMs() == null ? "not recovered" : kind.recoveryMs(),
                            kind.healDisruptionMs() == null ? (fault.healedMs() == null ? "not healed" : "not settled")
                                    : kind.healDisruptionMs(),
                            percent(kind.availabilityUnderFault()) + " (" + kind.underFaultOk() + " of "
                                    + kind.underFault() + ")",
                            percent(kind.availabilityAfterHeal()) + " (" + kind.afterHealOk() + " of " + kind.afterHeal() + ")");
                    html.append("</tr>\n");
                }
            }
        }
        html.append("</table>\n");
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f %%", fraction * 100);
    }

    /** Every kind of operation that did not succeed, grouped, and what the run left the stack with. */
    private void failures(Summary summary) {
        table("failures", "Operations that did not succeed (times from the first injection)", "repeat", "operations",
                "outcome", "error", "through", "from s", "to s");
        for (Summary.Repeat repeat : summary.repeats()) {
            for (FailedOperations group : repeat.result().failures()) {
                html.append("<tr><td>").append(repeat.repeat()).append("</td>");
                cells(group.count() + " " + group.type(), group.outcome(), group.error(), String.join(", ", group.nodes()),
                        String.format(Locale.ROOT, "%+.1f", group.fromSeconds()),
                        String.format(Locale.ROOT, "%+.1f", group.toSeconds()));
                html.append("</tr>\n");
            }
        }
        html.append("</table>\n");
        table("left-behind", "The stack when the run ended", "repeat", "as good as a fresh stack?");
        for (Summary.Repeat repeat : summary.repeats()) {
            html.append("<tr><td>").append(repeat.repeat()).append("</td>");
            cells(repeat.result().leftBehind().isEmpty() ? "yes" : "no: " + String.join("; ", repeat.result().leftBehind()));
            html.append("</tr>\n");
        }
        html.append("</table>\n");
    }

    private void figures(Summary summary) {
        table("figures", "Figures over " + summary.repeats().size() + " repeat(s)", "figure", "min", "median", "max");
        for (Map.Entry<String, Spread> figure : summary.figures().entrySet()) {
            Spread spread = figure.getValue();
            html.append("<tr>");
            if (spread == null) {
                cells(figure.getKey(), "–", "–", "–");
            } else {
                cells(figure.getKey(), MarkdownReport.number(spread.min()), MarkdownReport.number(spread.median()),
                        MarkdownReport.number(spread.max()));
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n");
    }

    private void integrity(Summary summary) {
        table("integrity", "Integrity", "repeat", "acknowledged orders", "lost on primary", "missing on standbys",
                "unexplained", "unknown (committed / not)", "oversold quotas", "Redis writes lost", "PostgreSQL writes lost",
                "split brains (longest ms)");
        for (Summary.Repeat repeat : summary.repeats()) {
            RunResult run = repeat.result();
            OrderIntegrity orders = run.orders();
            html.append("<tr><td>").append(repeat.repeat()).append("</td>");
            cells(orders.acknowledged(), orders.lost().size(), orders.lostOnStandbys(), orders.unexplained().size(),
                    orders.unknown() + " (" + orders.unknownCommitted() + " / " + orders.unknownNotCommitted() + ")",
                    orders.oversold().size(), run.redisWrites().lost().size() + " of " + run.redisWrites().acknowledged(),
                    run.postgresWrites().lost().size() + " of " + run.postgresWrites().acknowledged(),
                    run.singleWriter().splitBrains().size() + " (" + run.singleWriter().longestSplitBrainMs() + ")");
            html.append("</tr>\n");
        }
        html.append("</table>\n");
    }

    /**
     * What the open-loop workload offered and, per phase (those cut by the faults, then those of
     * the load profile), what came of it; latency from each order's intended start. A repeat
     * recorded before arrivals were open loop shows its phases alone.
     */
    private void load(Summary summary) {
        table("load", "Orders per phase (open loop: latency from each order's intended start)", "repeat", "phase",
                "due", "ok", "failed (shed)", "unknown", "available", "p50 ms", "p90 ms", "p99 ms", "p99.9 ms", "max ms");
        for (Summary.Repeat repeat : summary.repeats()) {
            RunResult run = repeat.result();
            for (PhaseAvailability phase : Stream.concat(run.orderPhases().stream(), run.loadPhases().stream()).toList()) {
                html.append("<tr><td>").append(repeat.repeat()).append("</td>");
                LatencySummary latency = phase.latency();
                cells(phase.phase(), phase.invoked(), phase.ok(), phase.failed() + " (" + phase.shed() + ")",
                        phase.unknown(), percent(phase.availability()),
                        latency == null ? "–" : MarkdownReport.number(latency.p50Ms()),
                        latency == null ? "–" : MarkdownReport.number(latency.p90Ms()),
                        latency == null ? "–" : MarkdownReport.number(latency.p99Ms()),
                        latency == null ? "–" : MarkdownReport.number(latency.p999Ms()),
                        latency == null ? "–" : MarkdownReport.number(latency.maxMs()));
                html.append("</tr>\n");
            }
            OfferedLoad load = run.orderLoad();
            if (load != null) {
                html.append("<tr><td>").append(repeat.repeat()).append("</td><td colspan=\"10\">")
                        .append(escapeHtml4(MarkdownReport.describe(load, run.plan()))).append("</td></tr>\n");
            }
        }
        html.append("</table>\n");
    }

    /** Peak working set per tier, in MiB; a repeat recorded before memory was sampled shows none. */
    private void memory(Summary summary) {
        table("memory", "Memory (peak working set, MiB)", "repeat", "stack", "tier peaks", "host");
        for (Summary.Repeat repeat : summary.repeats()) {
            MemoryUse memory = repeat.result().memory();
            html.append("<tr><td>").append(repeat.repeat()).append("</td>");
            if (!memory.sampled()) {
                cells("not sampled", "–", "–");
            } else {
                cells(mebibytes(memory.stackPeakBytes()), memory.tierPeakBytes().entrySet().stream()
                        .map(tier -> tier.getKey() + " " + mebibytes(tier.getValue())).collect(Collectors.joining(", ")),
                        mebibytes(memory.hostBytes()));
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n");
    }

    private static long mebibytes(long bytes) {
        return Math.round(MemoryUse.mebibytes(bytes));
    }

    private void sla(Summary summary) {
        table("sla", "SLA compliance (operation report, section 2.1)", "dimension", "objectives", "measured", "verdict");
        for (SlaCompliance.Row row : SlaCompliance.of(summary)) {
            html.append("<tr>");
            cells(row.dimension(), row.targets(), row.measured());
            html.append("<td class=\"").append(row.verdict().equals("met") ? "met" : row.verdict().equals("missed")
                    ? "missed" : "none").append("\">").append(row.verdict()).append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    private void charts(Summary summary, List<TimeSeries> series) {
        html.append("<h2>Over time</h2>\n<p class=\"legend\">Shaded: a fault from injection to heal. Dashed: the"
                + " PostgreSQL primary or the writable Redis master changed.</p>\n");
        for (int i = 0; i < series.size(); i++) {
            html.append("<h3>Repeat ").append(summary.repeats().get(i).repeat()).append("</h3>\n");
            for (String chart : List.of("throughput", "errors", "latency")) {
                html.append("<div class=\"chart\" id=\"").append(chart).append('-').append(i).append("\" data-repeat=\"")
                        .append(i).append("\" data-chart=\"").append(chart).append("\"></div>\n");
            }
            html.append("<ul class=\"legend\">");
            series.get(i).faults().forEach(span -> html.append("<li>fault ").append(escapeHtml4(span.label()))
                    .append(String.format(Locale.ROOT, ": %.1f s to %s", span.from(),
                            span.to() == null ? "the end" : String.format(Locale.ROOT, "%.1f s", span.to())))
                    .append("</li>"));
            series.get(i).roleChanges().forEach(mark -> html.append("<li>").append(escapeHtml4(mark.label()))
                    .append(String.format(Locale.ROOT, " at %.1f s", mark.at())).append("</li>"));
            html.append("</ul>\n");
        }
    }

    private void fingerprint(Summary summary) {
        table("fingerprint", "Environment", "item", "value");
        var fingerprint = summary.fingerprint();
        row("harness version", fingerprint.harnessVersion());
        row("scenario file", summary.scenario().file());
        row("scenario SHA-256", fingerprint.scenarioSha256());
        row("profile", fingerprint.profile());
        row("seed", summary.seed());
        row("Java", fingerprint.javaVersion());
        row("Docker", fingerprint.dockerVersion());
        fingerprint.images().forEach((image, id) -> row("image " + image, id));
        html.append("</table>\n");
    }

    private void table(String id, String title, String... headers) {
        html.append("<h2>").append(escapeHtml4(title)).append("</h2>\n<table id=\"").append(id).append("\"><tr>");
        for (String header : headers) {
            html.append("<th>").append(escapeHtml4(header)).append("</th>");
        }
        html.append("</tr>\n");
    }

    private void row(Object... values) {
        html.append("<tr>");
        cells(values);
        html.append("</tr>\n");
    }

    private void cells(Object... values) {
        for (Object value : values) {
            html.append("<td>").append(escapeHtml4(String.valueOf(value))).append("</td>");
        }
    }

    private static String json(Object value) {
        try {
            return RunFiles.JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a time series is always serialisable", e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing on the classpath: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
