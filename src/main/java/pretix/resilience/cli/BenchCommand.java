package pretix.resilience.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import pretix.resilience.ProjectHome;
import pretix.resilience.bench.BenchPlan;
import pretix.resilience.bench.Benchmarks;
import pretix.resilience.doctor.Doctor;
import pretix.resilience.engine.docker.DockerEngine;
import pretix.resilience.report.BenchMarkdown;
import pretix.resilience.report.Reports;
import pretix.resilience.result.BenchReport;
import pretix.resilience.run.RunFiles;
import pretix.resilience.stack.Profile;

@Command(name = "bench", description = "Measure the stack and the harness on this machine, each stack started afresh and"
        + " removed at the end or on Ctrl-C: time to ready, our proxy's cost against HAProxy's hop, orders/s through the"
        + " full stack closed loop, latency at fixed open-loop rates, and the harness's own CPU and memory at the highest"
        + " rate; judged against the goals, written to reports/benchmarks/<time>/ (JSON and Markdown) and"
        + " reports/index.html.")
final class BenchCommand implements Callable<Integer> {

    static final Path RECORDED = Path.of("docs", "benchmarks.json");

    @Option(names = "--quick", description = "one launch and a few seconds per benchmark, no goal judged: proves every"
            + " benchmark still runs (on 2 cores 45 s with --profile seed, a minute on hardened)")
    boolean quick;

    @Option(names = "--profile", defaultValue = "hardened", converter = ProfileConverter.class,
            description = "hardened (default) or seed")
    Profile profile;

    @Option(names = "--reports", description = "reports directory (default: reports/ in the project)")
    Path reports;

    @Option(names = "--readme", description = "record this full run's report as docs/benchmarks.json and regenerate the"
            + " README's measured section from it")
    boolean readme;

    @Override
    public Integer call() throws Exception {
        if (readme && quick) {
            throw new IllegalArgumentException("--readme records a full run's figures: a quick run's phases are too short"
                    + " to be worth recording; drop --quick");
        }
        if (!Doctor.readyToRun()) {
            return 1;
        }
        BenchReport report = new Benchmarks(DockerEngine.local(), System.out::println)
                .run(profile, quick ? BenchPlan.quickRun() : BenchPlan.fullRun());
        Path home = ProjectHome.directory();
        Path directory = Reports.writeBenchmarks(reports != null ? reports : home.resolve(Reports.ROOT), report);
        System.out.println(BenchMarkdown.summary(report));
        System.out.println("report " + directory.resolve("benchmarks.md"));
        if (readme) {
            RunFiles.JSON.writeValue(home.resolve(RECORDED).toFile(), report);
            Path file = home.resolve("README.md");
            Files.writeString(file, BenchMarkdown.intoReadme(Files.readString(file), report));
            System.out.println("recorded in " + RECORDED + " and the README's measured section");
        }
        return 0;
    }
}
