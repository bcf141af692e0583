package pretix.resilience.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.Set;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import pretix.resilience.check.MemoryUse;
import pretix.resilience.check.Disruption;
import pretix.resilience.history.History;
import pretix.resilience.history.Operation;
import pretix.resilience.result.Aborted;
import pretix.resilience.check.FaultRecovery;
import pretix.resilience.run.RunFiles;
import pretix.resilience.result.RunResult;
import pretix.resilience.slo.SloResult;
import pretix.resilience.workload.OrderWorkload;

/** Reports rendered from a run recorded on a real stack, checked field by field against the evidence. */
class ReportsTest {

    @TempDir
    Path reports;

    private Path run;
    private Summary summary;
    private RunResult result;
    private History history;

    @BeforeEach
    void render() throws Exception {
        run = RecordedRun.copyInto(reports);
        summary = Reports.render(run);
        result = RunFiles.readResult(run.resolve("repeat-1"));
        history = History.readJsonl(RunFiles.history(run.resolve("repeat-1")));
    }

    @Test
    void theSummaryCarriesTheRepeatsResultUnchanged() throws Exception {
        JsonNode json = RunFiles.JSON.readTree(run.resolve("summary.json").toFile());

        assertThat(json.get("schemaVersion").asInt()).isEqualTo(Summary.SCHEMA_VERSION);
        assertThat(summary.repeats()).singleElement().satisfies(repeat -> {
            assertThat(repeat.result()).isEqualTo(result);
            assertThat(repeat.violations()).isEqualTo(repeat.slos().stream().filter(slo -> !slo.met())
                    .map(SloResult::id).collect(Collectors.toCollection(TreeSet::new)));
        });
        assertThat(summary.runId()).isEqualTo(run.getFileName().toString());
        assertThat(summary.scenario().file()).startsWith("scenarios/");
    }

    @Test
    void figuresAreTheRepeatsMeasurements() {
        FaultRecovery fault = result.faults().get(0);

        assertThat(summary.figures().get("recovery_ms").median()).isEqualTo(fault.recoveryMs().doubleValue());
        assertThat(summary.figures().get("failed_orders").max()).isEqualTo(fault.failedOrders());
        assertThat(summary.figures().get("unknown_orders").max()).isEqualTo(fault.unknownOrders());
        assertThat(summary.figures().get("order_p99_ms").min()).isEqualTo(result.orderLatency().p99Ms());
        assertThat(summary.figures().get("lost_writes").median())
                .isEqualTo(result.redisWrites().lost().size() + result.postgresWrites().lost().size());
    }

    @Test
    void theTimeSeriesAccountsForEveryOrderOfTheHistory() {
        TimeSeries series = TimeSeries.of(history);
        List<Operation> orders = history.operations(OrderWorkload.TYPE);

        int total = series.ok().stream().mapToInt(Integer::intValue).sum()
                + series.failed().stream().mapToInt(Integer::intValue).sum()
                + series.unknown().stream().mapToInt(Integer::intValue).sum();
        assertThat(total).isEqualTo(orders.size());
        assertThat(series.ok().stream().mapToInt(Integer::intValue).sum())
                .isEqualTo(result.orderOutcomes().get("ok").intValue());
        assertThat(series.faults()).singleElement()
                .satisfies(span -> assertThat(span.from() * 1000).isCloseTo(fault().injectedMs(),
                        offset(1.0)));
        assertThat(series.roleChanges()).as("the frozen master is replaced")
                .anySatisfy(change -> assertThat(change.label()).startsWith("redis master"));
    }

    @Test
    void markdownHasEveryObjectiveWithItsMeasurementAndTheMatrix() throws Exception {
        String markdown = Files.readString(run.resolve("report.md"));

        for (SloResult slo : summary.repeats().get(0).slos()) {
            assertThat(markdown).contains("| 1 | " + slo.id() + " | " + slo.target() + " | " + slo.measured() + " | "
                    + (slo.met() ? "met" : "**" + summary.scenario().expectation().verdictOf(slo) + "**") + " |");
        }
        FaultRecovery fault = fault();
        // A recorded result from before the new-orders reading was measured shows a dash there.
        assertThat(markdown).contains("| 1 | " + fault.fault() + " | " + fault.node() + " | " + fault.recoveryMs()
                + " | – | – | " + fault.orders() + " | " + fault.failedOrders() + " | " + fault.unknownOrders() + " |");
        assertThat(markdown).contains("| recovery time | ", "| reliability | ");
        SloResult memory = summary.repeats().get(0).slos().stream().filter(slo -> slo.id().equals("memory_peak"))
                .findFirst().orElseThrow();
        assertThat(markdown).contains("| memory capacity | memory_peak " + memory.target() + " | memory_peak: "
                + memory.measured() + " | met |");
        assertThat(memory.measured()).startsWith(Math.round(MemoryUse.mebibytes(result.memory().stackPeakBytes())) + " MiB of ");
    }

    @Test
    void junitXmlHasOneCasePerRepeatAndFailsExactlyTheUnexpectedOnes() throws Exception {
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(run.resolve("junit.xml").toFile());
        Element suite = xml.getDocumentElement();

        assertThat(suite.getAttribute("name")).isEqualTo(summary.scenario().name());
        assertThat(suite.getAttribute("tests")).isEqualTo("1");
        assertThat(suite.getAttribute("failures")).isEqualTo(summary.asExpected() ? "0" : "1");
        assertThat(xml.getElementsByTagName("failure").getLength()).isEqualTo(summary.asExpected() ? 0 : 1);
        assertThat(xml.getElementsByTagName("system-out").item(0).getTextContent())
                .contains(summary.repeats().get(0).slos().get(0).measured());
    }

    @Test
    void htmlIsSelfContainedWithItsTablesAndTheIndexListsTheRun() throws Exception {
        String html = Files.readString(run.resolve("report.html"));

        assertThat(html).doesNotContain("src=\"http", "href=\"http", "<link ");
        assertThat(html).contains("id=\"slo-table\"", "id=\"n1-matrix\"", "id=\"figures\"", "id=\"integrity\"",
                "id=\"sla\"", "id=\"memory\"", "id=\"fingerprint\"", "data-chart=\"throughput\"", "data-chart=\"errors\"",
                "data-chart=\"latency\"", summary.fingerprint().scenarioSha256(), "uPlot");
        assertThat(Files.readString(reports.resolve("index.html")))
                .contains(summary.runId() + "/report.html", summary.asExpected() ? "as expected" : "not as expected");
    }

    @Test
    void theIndexCountsEachScenariosRepeatsAsExpectedOverAllItsRuns() {
        Summary.Repeat recorded = summary.repeats().get(0);
        Summary.Repeat missed = new Summary.Repeat(2, recorded.seed() + 1, false, Set.of("recovery_time"),
                recorded.slos(), recorded.result());
        Summary later = new Summary(summary.schemaVersion(), "later", summary.scenario(), summary.seed(), false,
                summary.fingerprint(), List.of(recorded, missed), summary.figures());
        int asExpected = recorded.asExpected() ? 2 : 0;

        assertThat(ReportIndex.tally(List.of(summary, later))).contains("<td>" + summary.scenario().name()
                + "</td><td>" + summary.scenario().profile() + "</td><td>2</td><td class=\"fail\">" + asExpected
                + " of 3</td>");
    }

    @Test
    void theMatrixShowsTheLongestDisruptionAfterTheHealOverEveryKindOfOperation() {
        Disruption orders = new Disruption("orders", 2300L, 0L, 200, 197, 200, 200);
        FaultRecovery thawed = new FaultRecovery("pause redis0", "redis0", 5000, 15000L, 2300L, 2300L, 200, 0, 3,
                List.of(orders, new Disruption("redis_writes", 3000L, 9100L, 100, 70, 100, 59)));
        FaultRecovery unsettled = new FaultRecovery("pause redis0", "redis0", 5000, 15000L, 2300L, 2300L, 200, 0, 3,
                List.of(orders, new Disruption("redis_writes", 3000L, null, 100, 70, 100, 12)));

        assertThat(MarkdownReport.healDisruption(thawed)).isEqualTo("9100");
        assertThat(MarkdownReport.healDisruption(unsettled)).isEqualTo("not settled");
        assertThat(MarkdownReport.healDisruption(fault())).as("recorded before it was measured").isEqualTo("–");
    }

    @Test
    void anAbortedRepeatIsNamedInEveryReportAndFailsItsTestCase() throws Exception {
        Aborted aborted = new Aborted("SIGINT", 9.7, "faulted: pause postgres.primary");
        RunResult r = result;
        RunResult stopped = new RunResult(r.name(), r.profile(), r.seed(), r.plan(), r.startedAt(), r.seconds(),
                r.loadSeconds(), r.faults(), r.orderOutcomes(), r.orderPhases(), r.loadPhases(), r.steadyState(),
                r.orderLatency(), r.orders(), r.redisWrites(), r.postgresWrites(), r.wrongNodeWrites(), r.singleWriter(),
                r.redundancy(), r.memory(), r.failures(), r.leftBehind(), aborted, r.orderLoad());
        Summary.Repeat recorded = summary.repeats().get(0);
        Summary abortedRun = new Summary(summary.schemaVersion(), "aborted", summary.scenario(), summary.seed(), false,
                summary.fingerprint(), List.of(new Summary.Repeat(1, recorded.seed(), false, recorded.violations(),
                        recorded.slos(), stopped)), summary.figures());
        String line = "repeat 1 aborted by SIGINT at +9.7 s during faulted: pause postgres.primary";

        assertThat(abortedRun.aborted()).containsExactly(line);
        assertThat(summary.aborted()).isEmpty();
        assertThat(MarkdownReport.render(abortedRun)).contains("**" + line + "**");
        assertThat(HtmlReport.render(abortedRun, List.of(TimeSeries.of(history))))
                .contains("class=\"verdict fail\">aborted</span>", line);
        assertThat(JunitReport.render(abortedRun)).contains("<failure message=\"aborted by SIGINT at +9.7 s");
    }

    private FaultRecovery fault() {
        return result.faults().get(0);
    }
}
