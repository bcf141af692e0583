package pretix.resilience.cli;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import pretix.resilience.engine.Engine;
import pretix.resilience.doctor.Doctor;
import pretix.resilience.report.Reports;
import pretix.resilience.report.Summary;
import pretix.resilience.run.Interruption;
import pretix.resilience.run.LaunchedStacks;
import pretix.resilience.scenario.RandomNemesis;
import pretix.resilience.scenario.Scenario;
import pretix.resilience.scenario.ScenarioCatalog;
import pretix.resilience.scenario.ScenarioException;
import pretix.resilience.run.ScenarioOutcome;
import pretix.resilience.run.ScenarioRunner;
import pretix.resilience.stack.Profile;
import pretix.resilience.stack.Topology;
import pretix.resilience.ProjectHome;

@Command(name = "run", description = "Run scenario files under order load and write their reports to"
        + " reports/<run-id>/; exit 1 when a verdict is not what its file expects.")
final class RunCommand implements Callable<Integer> {

    @Mixin
    ScenarioFiles files;

    @Spec
    CommandSpec spec;

    @Option(names = "--profile", converter = ProfileConverter.class,
            description = "run every scenario on this profile instead of its own (hardened or seed)")
    Profile profile;

    @Option(names = "--engine", defaultValue = "docker", converter = EngineKind.Converter.class,
            description = "docker (default: containers the harness starts) or swarm (a Swarm stack on this daemon's"
                    + " swarm, which the harness initialises when there is none)")
    EngineKind engineKind;

    @Option(names = "--attach", paramLabel = "STACK", description = "run against a stack that runs already instead of"
            + " starting one: a stack `chaos up` kept, or with --engine swarm one deployed by hand from"
            + " compose/pretix-stack.yml, by the name it was deployed under; it is left running")
    String attach;

    @Option(names = "--seed", description = "seed of the random choices (offsets, .any targets); random when left out,"
            + " and printed and stored either way")
    Long seed;

    @Option(names = "--repeat", defaultValue = "1", description = "runs per scenario (default 1); the report gives"
            + " min / median / max of every figure")
    int repeat;

    @Option(names = "--keep", description = "leave the (last) stack up afterwards for investigation")
    boolean keep;

    @Option(names = "--exclude-tag", description = "skip scenarios with this tag, such as finding")
    Set<String> excludedTags = Set.of();

    @Option(names = "--reports", description = "reports directory (default: reports/ in the project)")
    Path reports;

    @Option(names = "--nemesis", paramLabel = "random", description = "instead of files: faults drawn at random by the"
            + " seed, one at a time, from the kinds --faults names, on --profile (default hardened)")
    String nemesis;

    @Option(names = "--faults", split = ",", defaultValue = "kill,pause", paramLabel = "KIND",
            description = "with --nemesis: the kinds of fault to draw (default kill,pause): kill, stop, restart, pause,"
                    + " isolate, partition, loss, latency, starve, oom, disk_full")
    List<String> faultKinds;

    @Option(names = "--duration", defaultValue = "10m", description = "with --nemesis: how long faults are drawn"
            + " (default 10m)")
    String duration;

    @Option(names = "--hold", defaultValue = "5s..15s", description = "with --nemesis: how long each fault stays"
            + " (default 5s..15s)")
    String hold;

    @Option(names = "--gap", defaultValue = "10s..20s", description = "with --nemesis: the quiet time after each heal"
            + " (default 10s..20s)")
    String gap;

    @Override
    public Integer call() throws Exception {
        if (repeat < 1) {
            throw new IllegalArgumentException("--repeat " + repeat + ": give 1 or more");
        }
        Optional<List<Scenario>> valid = nemesis == null ? files.read(profile, spec.commandLine().getErr())
                : randomNemesis();
        if (valid.isEmpty()) {
            return 2;
        }
        List<Scenario> scenarios = ScenarioCatalog.inStackOrder(valid.get().stream()
                .filter(scenario -> scenario.tags().stream().noneMatch(excludedTags::contains)).toList());
        if (!Doctor.readyToRun()) {
            return 1;
        }
        long runSeed = seed != null ? seed : new SecureRandom().nextLong() & Long.MAX_VALUE;
        System.out.printf("seed %d (repeat this run with --seed %d)%n", runSeed, runSeed);
        Path root = reports != null ? reports : ProjectHome.directory().resolve(Reports.ROOT);
        int notAsExpected = 0;
        int ran = 0;
        Engine engine = engineKind.local();
        LaunchedStacks stacks;
        try {
            stacks = attach == null ? new LaunchedStacks(engine, keep, System.out::println)
                    : LaunchedStacks.attachedTo(engine, attach, System.out::println);
        } catch (IllegalArgumentException e) {
            System.err.println("chaos run: " + e.getMessage());
            return 2;
        }
        List<String> unsupported = scenarios.stream().filter(scenario -> !reasons(scenario, engine).isEmpty())
                .map(scenario -> scenario.name() + ": " + String.join("; ", reasons(scenario, engine))).toList();
        if (!unsupported.isEmpty()) {
            unsupported.forEach(line -> System.out.println("skipped " + line));
            scenarios = scenarios.stream().filter(scenario -> reasons(scenario, engine).isEmpty()).toList();
        }
        if (attach != null) {
            Topology attachedTopology = stacks.current().topology();
            List<String> other = scenarios.stream().filter(scenario -> !scenario.topology().equals(attachedTopology))
                    .map(scenario -> scenario.name() + " (" + scenario.topology().describe() + ")").toList();
            if (!other.isEmpty()) {
                System.err.println("chaos run: the attached stack " + attach + " is " + attachedTopology.describe()
                        + "; these scenarios need another stack: " + String.join("; ", other));
                return 2;
            }
        }
        Interruption interruption = new Interruption(keep);
        StopSignals.install(interruption, stacks::starting, System.out);
        try {
            ScenarioRunner runner = new ScenarioRunner(engine, stacks, System.out::println)
                    .stoppableBy(interruption);
            for (Scenario scenario : scenarios) {
                if (interruption.requested()) {
                    break;
                }
                String runId = Reports.runId(scenario.name(), Instant.now());
                System.out.printf("== %s (%s): %s%n", scenario.name(), scenario.topology().profile().id(), runId);
                ScenarioOutcome outcome = runner.run(scenario, runSeed, repeat, root.resolve(runId));
                if (outcome.attempts().isEmpty()) {
                    System.out.printf("== %s: stopped before a repeat could be judged; nothing to report%n",
                            scenario.name());
                    break;
                }
                ran++;
                Summary summary = Reports.write(root, runId, outcome);
                System.out.printf("== %s: %s; report %s%n", scenario.name(), interruption.requested() ? "ABORTED"
                        : summary.asExpected() ? "as expected" : "NOT AS EXPECTED",
                        root.resolve(runId).resolve("report.html"));
                // An aborted run is never as expected, even when the signal came after its judgement.
                notAsExpected += summary.asExpected() && !interruption.requested() ? 0 : 1;
            }
        } finally {
            if (interruption.requested() && !keep && stacks.current() != null) {
                System.out.println("removing the stack " + stacks.current().id());
            }
            stacks.close();
        }
        System.out.printf("%d of %d scenario(s) as expected; index %s%n", ran - notAsExpected,
                scenarios.size(), root.resolve("index.html"));
        int exitCode = interruption.requested() ? StopSignals.exitCode(interruption.signal())
                : notAsExpected == 0 ? 0 : 1;
        if (keep && stacks.current() != null) {
            UpCommand.printNodes(stacks.current());
            System.out.println("kept for investigation" + (interruption.requested()
                    ? ", as the stopped run left it (its faults still in effect)" : "")
                    + ": `./chaos status` shows it, `./chaos inject` and `./chaos heal` act on it, `./chaos down` removes it");
            System.out.flush();
            // Testcontainers' exit hook (Ryuk is off) would remove the containers --keep must leave up.
            Runtime.getRuntime().halt(exitCode);
        }
        return exitCode;
    }

    /** Why the engine cannot run the scenario, one reason per fault it cannot do. */
    private static List<String> reasons(Scenario scenario, Engine engine) {
        return scenario.faults().stream().flatMap(fault -> fault.unsupportedOn(engine).stream()).distinct().toList();
    }

    private Optional<List<Scenario>> randomNemesis() {
        if (!nemesis.equals("random")) {
            throw new IllegalArgumentException("--nemesis " + nemesis + ": the one nemesis without a file is random");
        }
        if (files.all || !files.files.isEmpty()) {
            throw new IllegalArgumentException("--nemesis random runs without scenario files: leave out FILE and --all");
        }
        try {
            return Optional.of(List.of(RandomNemesis.scenario(profile == null ? Profile.HARDENED : profile, faultKinds,
                    duration, hold, gap)));
        } catch (ScenarioException e) {
            ScenarioFiles.print(e, spec.commandLine().getErr());
            return Optional.empty();
        }
    }
}
