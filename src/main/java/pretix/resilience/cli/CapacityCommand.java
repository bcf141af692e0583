package pretix.resilience.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import pretix.resilience.ProjectHome;
import pretix.resilience.doctor.Doctor;
import pretix.resilience.engine.Engine;
import pretix.resilience.engine.LaunchedStack;
import pretix.resilience.engine.docker.DockerEngine;
import pretix.resilience.report.CapacityMarkdown;
import pretix.resilience.report.Reports;
import pretix.resilience.result.CapacityReport;
import pretix.resilience.result.CapacitySearches;
import pretix.resilience.run.CapacitySearch;
import pretix.resilience.run.RunFiles;
import pretix.resilience.stack.Profile;
import pretix.resilience.stack.Topology;

@Command(name = "capacity", description = "Raise the open-loop order rate in steps on a fresh, healthy stack until a"
        + " step misses (an order not acknowledged or shed, or p99 over the limit), on a new stack for each of several"
        + " searches, and report the median of the highest rates sustained on this machine, with each step's latency,"
        + " the CPU of every tier, node and the harness, and what limited the stack, in reports/capacity-<time>/.")
final class CapacityCommand implements Callable<Integer> {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    @Option(names = "--profile", defaultValue = "hardened", converter = ProfileConverter.class,
            description = "hardened (default) or seed")
    Profile profile;

    @Option(names = "--from", defaultValue = "2", description = "first rate, orders per second (default 2)")
    double from;

    @Option(names = "--step", defaultValue = "2", description = "added to the rate each step (default 2)")
    double step;

    @Option(names = "--to", defaultValue = "40", description = "highest rate tried (default 40)")
    double to;

    @Option(names = "--step-seconds", defaultValue = "20", description = "how long each rate is held (default 20)")
    int stepSeconds;

    @Option(names = "--p99-ms", defaultValue = "1000", description = "p99 latency a step may not exceed (default 1000)")
    int p99Ms;

    @Option(names = "--searches", defaultValue = "3", description = "searches, each on a fresh stack; the sustained rate"
            + " is their median (default 3)")
    int searches;

    @Override
    public Integer call() throws Exception {
        if (from <= 0 || step <= 0 || to < from || stepSeconds < 1 || p99Ms < 1 || searches < 1) {
            throw new IllegalArgumentException("--from and --step must be above 0, --to at least --from, --step-seconds,"
                    + " --p99-ms and --searches at least 1");
        }
        if (!Doctor.readyToRun()) {
            return 1;
        }
        Engine engine = DockerEngine.local();
        CapacitySearch.Settings settings = new CapacitySearch.Settings(from, step, to, Duration.ofSeconds(stepSeconds),
                Duration.ofMillis(p99Ms), Duration.ofSeconds(10));
        Instant started = Instant.now();
        List<CapacityReport> reports = new ArrayList<>();
        for (int search = 1; search <= searches; search++) {
            // Not kept: Ctrl-C or SIGTERM removes the stack through its exit hook.
            try (LaunchedStack stack = engine.launch(Topology.defaults(profile), false, System.out::println)) {
                System.out.printf(Locale.ROOT, "search %d of %d: raising the order rate from %.1f to %.1f orders/s, %d s"
                        + " per step%n", search, searches, from, to, stepSeconds);
                reports.add(new CapacitySearch(engine, System.out::println).search(stack.deployed(), settings));
            }
        }
        CapacitySearches report = new CapacitySearches(profile.id(), Runtime.getRuntime().availableProcessors(), started,
                reports);
        Path directory = ProjectHome.directory().resolve(Reports.ROOT).resolve("capacity-" + STAMP.format(started));
        Files.createDirectories(directory);
        RunFiles.JSON.writeValue(directory.resolve("capacity.json").toFile(), report);
        Files.writeString(directory.resolve("capacity.md"), CapacityMarkdown.render(report));
        System.out.println(CapacityMarkdown.summary(report));
        System.out.println("report " + directory.resolve("capacity.md"));
        return 0;
    }
}
