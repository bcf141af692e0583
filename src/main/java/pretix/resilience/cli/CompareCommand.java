package pretix.resilience.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import pretix.resilience.ProjectHome;
import pretix.resilience.report.Reports;

@Command(name = "compare", description = "Compare two runs, or two directories of runs (reports/ of two nights, two"
        + " branches): each scenario's figures side by side with the difference, and which changed beyond the runs'"
        + " own spread. Prints Markdown (for a pull request comment) and writes compare.html and compare.md.")
final class CompareCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "A", description = "before: a run directory, a directory of runs, or its index.html")
    Path before;

    @Parameters(index = "1", paramLabel = "B", description = "after: the same kinds")
    Path after;

    @Option(names = "--out", paramLabel = "DIR", description = "where compare.html and compare.md go"
            + " (default: reports/compare/)")
    Path out;

    @Override
    public Integer call() throws Exception {
        for (Path path : new Path[] {before, after}) {
            if (!Files.exists(path)) {
                throw new IllegalArgumentException(path + " does not exist: name a run directory such as"
                        + " reports/<run-id>, or a directory of runs such as reports/");
            }
        }
        Path directory = out != null ? out : ProjectHome.directory().resolve(Reports.ROOT).resolve("compare");
        System.out.print(Reports.compare(before, after, directory));
        System.out.println("\nwritten to " + directory.resolve("compare.html") + " and compare.md");
        return 0;
    }
}
