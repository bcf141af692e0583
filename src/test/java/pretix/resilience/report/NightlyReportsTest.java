package pretix.resilience.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The index as the nightly job reads it (matrix, changes, trends) and `chaos compare`, over recorded runs. */
class NightlyReportsTest {

    @TempDir
    Path reports;

    @Test
    void theMatrixHasARowPerTierAndFaultAndAColumnPerProfileWithTheLatestRunOfEach() throws Exception {
        RecordedNights nights = new RecordedNights(reports);
        nights.hardened("20261201-010000", 2800, 2900, 3000);
        nights.hardened("20261202-010000", 3000, 3100, 3200);
        nights.seed("20261202-020000", 18_400);

        ResilienceMatrix matrix = ResilienceMatrix.of(Reports.summaries(reports));

        assertThat(matrix.profiles()).containsExactly("seed", "hardened");
        Summary.MatrixRow row = new Summary.MatrixRow("redis", "pause redis.master");
        assertThat(matrix.rows()).containsExactly(row);
        assertThat(matrix.cell(row, "hardened").runId()).startsWith("20261202-010000");
        assertThat(ResilienceMatrix.figures(matrix.cell(row, "hardened")))
                .isEqualTo("3.1 s (3 s–3.2 s), 0 / 20 orders failed / unknown, 0 lost, 0 writes lost, split brain 0 s");
        assertThat(ResilienceMatrix.figures(matrix.cell(row, "seed"))).startsWith("18.4 s, ");
        assertThat(matrix.html()).contains("<td class=\"cell met\"", "20261202-020000-seed-redis-master-frozen/report.html");
        assertThat(matrix.markdown()).contains("| redis | pause redis.master | every objective met: 18.4 s,");
    }

    @Test
    void aSummaryWrittenBeforeTheMatrixFieldsFindsItsRowFromItsRecordedFaults() throws Exception {
        Summary old = Reports.summaries(RecordedRun.SOURCE).get(0);
        assertThat(old.scenario().tier()).isNull();
        assertThat(old.matrixRow()).isEqualTo(new Summary.MatrixRow("redis", "pause redis.master"));
    }

    @Test
    void aLatestRunBeyondThePreviousRunsSpreadIsFlaggedAndOneWithinIsNot() throws Exception {
        RecordedNights nights = new RecordedNights(reports);
        nights.hardened("20261201-010000", 2800, 2900, 3000);
        nights.hardened("20261202-010000", 2900, 3000, 3300);
        assertThat(Trends.of(Reports.summaries(reports)).changes()).as("two runs are no trend yet").isEmpty();

        nights.hardened("20261203-010000", 3100, 3200, 3250);
        assertThat(Trends.of(Reports.summaries(reports)).changes()).as("within 2.8–3.3 s").isEmpty();

        nights.hardened("20261204-010000", 9000, 9500, 9900);
        List<Trends.Change> changes = Trends.of(Reports.summaries(reports)).changes();
        assertThat(changes).singleElement().satisfies(change -> {
            assertThat(change.worse()).isTrue();
            assertThat(change.figure()).isEqualTo(TrendFigure.RECOVERY);
            assertThat(change.describe()).isEqualTo("regression: hardened-redis-master-frozen recovery 9500 ms,"
                    + " the previous runs 2800 ms–3300 ms (20261204-010000-hardened-redis-master-frozen)");
        });

        nights.hardened("20261205-010000", 900, 1000, 1100);
        assertThat(Trends.of(Reports.summaries(reports)).changes()).singleElement()
                .satisfies(change -> assertThat(change.worse()).as("faster than every previous run").isFalse());
    }

    @Test
    void comparingHardenedWithSeedFlagsTheSlowerFailoverAndARunWithItselfFlagsNothing() throws Exception {
        RecordedNights nights = new RecordedNights(reports);
        Path hardened = nights.hardened("20261202-010000", 2800, 2900, 3000);
        Path seed = nights.seed("20261202-020000", 18_400);

        String markdown = Reports.compare(hardened, seed, reports.resolve("compare"));
        assertThat(markdown).contains("- worse: hardened-redis-master-frozen → seed-redis-master-frozen recovery"
                + " 2900 ms (2800 ms–3000 ms) → 18400 ms", "| recovery | 2900 ms (2800 ms–3000 ms) | 18400 ms | +15500 ms |"
                + " **worse** |");
        assertThat(Files.readString(reports.resolve("compare").resolve("compare.html")))
                .contains("<li class=\"regression\">worse: hardened-redis-master-frozen");

        assertThat(Reports.compare(hardened, hardened, reports.resolve("self"))).contains("No change beyond the runs' spread.")
                .doesNotContain("**worse**", "**better**");
    }

    @Test
    void twoDirectoriesOfRunsArePairedByScenarioAndThenByTheirRowInTheMatrix() throws Exception {
        RecordedNights before = new RecordedNights(reports.resolve("monday"));
        before.hardened("20261201-010000", 2800, 2900, 3000);
        RecordedNights after = new RecordedNights(reports.resolve("tuesday"));
        after.seed("20261202-020000", 18_400);
        after.hardened("20261202-010000", 2000, 2100, 2200);

        Comparison comparison = Comparison.of(Reports.summaries(reports.resolve("monday")),
                Reports.summaries(reports.resolve("tuesday")));

        assertThat(comparison.pairs()).singleElement().satisfies(pair ->
                assertThat(pair.b().runId()).isEqualTo("20261202-010000-hardened-redis-master-frozen"));
        assertThat(comparison.changes()).containsExactly("better: hardened-redis-master-frozen recovery"
                + " 2900 ms (2800 ms–3000 ms) → 2100 ms (2000 ms–2200 ms)");
        assertThat(comparison.markdown("monday", "tuesday")).contains("Without a counterpart: B: seed-redis-master-frozen");
    }
}
