package pretix.resilience.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import pretix.resilience.report.Reports;
import pretix.resilience.report.Summary;

@Command(name = "report", description = "Render a run's report.html, report.md and junit.xml again from its"
        + " recorded summary.json and histories, and the index of its reports directory.")
final class ReportCommand implements Callable<Integer> {

    @Parameters(paramLabel = "RUN_DIR", description = "a run's directory, such as reports/<run-id>")
    Path directory;

    @Override
    public Integer call() throws Exception {
        if (!directory.resolve("summary.json").toFile().isFile()) {
            throw new IllegalArgumentException(directory + " holds no summary.json: name a run directory under reports/");
        }
        Summary summary = Reports.render(directory);
        System.out.printf("%s: %s, report %s%n", summary.runId(), summary.asExpected() ? "as expected" : "NOT as expected",
                directory.resolve("report.html"));
        return 0;
    }
}
