package pretix.resilience.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import pretix.resilience.slo.SloResult;

/**
 * The reports of a run recorded on a real stack that missed two objectives, one as its file
 * expects and one not: every renderer's branch for a miss, as expected and not.
 */
class MissedObjectivesReportsTest {

    @TempDir
    Path reports;

    private Path run;
    private Summary summary;

    @BeforeEach
    void render() throws Exception {
        run = RecordedRun.copyInto(reports, RecordedRun.MISSED);
        summary = Reports.render(run);
    }

    @Test
    void theRecordedRunMissedOneObjectiveAsExpectedAndOneNot() {
        assertThat(summary.asExpected()).isFalse();
        assertThat(summary.repeats().get(0).violations()).containsExactly("order_latency_max", "order_latency_p99");
        assertThat(summary.scenario().expectation().violated()).containsExactly("order_latency_max");
    }

    @Test
    void markdownMarksEachMissAndSaysWhichWasExpected() throws Exception {
        String markdown = Files.readString(run.resolve("report.md"));

        assertThat(markdown).startsWith("## ❌ ");
        assertThat(markdown).contains("| 1 | order_latency_max | " + slo("order_latency_max").target() + " | "
                + slo("order_latency_max").measured() + " | **missed, as expected** |");
        assertThat(markdown).contains("| 1 | order_latency_p99 | " + slo("order_latency_p99").target() + " | "
                + slo("order_latency_p99").measured() + " | **missed** |");
    }

    @Test
    void htmlShowsTheVerdictAndEveryMissInItsClass() throws Exception {
        String html = Files.readString(run.resolve("report.html"));

        assertThat(html).contains("<span class=\"verdict fail\">not as expected</span>",
                "<td class=\"missed\">missed, as expected</td>", "<td class=\"missed\">missed</td>");
        assertThat(Files.readString(reports.resolve("index.html"))).contains("not as expected");
    }

    @Test
    void junitFailsTheRepeatAndNamesWhatWasMissedAgainstWhatWasExpected() throws Exception {
        Element suite = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(run.resolve("junit.xml").toFile())
                .getDocumentElement();

        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        Element failure = (Element) suite.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message"))
                .isEqualTo("violated [order_latency_max, order_latency_p99], expected [order_latency_max]");
        assertThat(failure.getTextContent()).contains("MISS order_latency_p99: target " + slo("order_latency_p99").target());
    }

    private SloResult slo(String id) {
        return summary.repeats().get(0).slos().stream().filter(slo -> slo.id().equals(id)).findFirst().orElseThrow();
    }
}
