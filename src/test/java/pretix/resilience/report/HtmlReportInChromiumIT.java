package pretix.resilience.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report as a browser shows it: Debian's Chromium, headless and offline, runs the
 * page's scripts; the DOM it ends with must hold the drawn charts and every table.
 */
class HtmlReportInChromiumIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    Path reports;

    @Test
    void chromiumDrawsEveryChartAndShowsEveryTable() throws Exception {
        assertThat(CHROMIUM).as("the report test needs Debian's Chromium: `./chaos doctor --fix --tests` installs it")
                .isExecutable();
        Path run = RecordedRun.copyInto(reports);
        Summary summary = Reports.render(run);

        String dom = dump(run.resolve("report.html"));

        int charts = summary.repeats().size() * 3;
        assertThat(Pattern.compile("class=\"uplot").matcher(dom).results().count()).as("charts uPlot drew")
                .isEqualTo(charts);
        assertThat(Pattern.compile("<canvas").matcher(dom).results().count()).isGreaterThanOrEqualTo(charts);
        assertThat(dom).contains("Orders acknowledged per second", "Orders failed or unknown per second",
                "Latency of acknowledged orders");
        for (String table : List.of("slo-table", "n1-matrix", "figures", "integrity", "memory", "sla", "fingerprint")) {
            assertThat(dom).contains("<table id=\"" + table + "\"");
        }
        assertThat(dom).contains(summary.repeats().get(0).slos().get(0).measured());
    }

    @Test
    void chromiumShowsTheMatrixTheRegressionTheTrendsAndAComparison() throws Exception {
        RecordedNights nights = new RecordedNights(reports);
        nights.hardened("20261201-010000", 2800, 2900, 3000);
        nights.hardened("20261202-010000", 2900, 3000, 3300);
        Path hardened = nights.hardened("20261203-010000", 9000, 9500, 9900);
        Path seed = nights.seed("20261203-020000", 18_400);
        ReportIndex.write(reports);

        String index = dump(reports.resolve("index.html"));

        assertThat(Pattern.compile("<td class=\"cell ").matcher(index).results().count()).as("matrix cells")
                .isEqualTo(2);
        assertThat(Pattern.compile("<svg class=\"trend[^>]*>\\s*<polyline points=\"[0-9., ]+\"")
                .matcher(index).results().count()).as("trend charts with their points")
                .isEqualTo(2 * TrendFigure.CHARTED.length);
        assertThat(index).contains("<li class=\"regression\">regression: hardened-redis-master-frozen recovery 9500 ms",
                "<svg class=\"trend regression\"");

        Reports.compare(hardened, seed, reports.resolve("compare"));
        String comparison = dump(reports.resolve("compare").resolve("compare.html"));
        assertThat(Pattern.compile("<tr class=\"[a-z]*\"><td>").matcher(comparison).results().count())
                .as("a row per figure").isEqualTo(TrendFigure.values().length);
        assertThat(comparison).contains("<tr class=\"regression\"><td>recovery</td>");
    }

    /** The DOM after the page's scripts ran, as Chromium prints it; no network, a throwaway profile. */
    private String dump(Path page) throws Exception {
        Path profile = Files.createTempDirectory(reports, "chromium-profile");
        Process chromium = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--virtual-time-budget=5000", "--dump-dom", page.toUri().toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String dom = new String(chromium.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(chromium.waitFor(60, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        assertThat(chromium.exitValue()).as("chromium's exit code").isZero();
        return dom;
    }
}
