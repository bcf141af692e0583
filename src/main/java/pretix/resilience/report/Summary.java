package pretix.resilience.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import pretix.resilience.check.Disruption;
import pretix.resilience.check.MemoryUse;
import pretix.resilience.history.OperationKind;
import pretix.resilience.check.FaultRecovery;
import pretix.resilience.result.RunResult;
import pretix.resilience.run.Fingerprint;
import pretix.resilience.run.ScenarioOutcome;
import pretix.resilience.slo.Expectation;
import pretix.resilience.slo.SloResult;
import pretix.resilience.ProjectHome;

/**
 * The {@code summary.json} of a scenario run, as documented in {@code docs/summary-schema.md}:
 * what ran, on what, every repeat's measurements and verdict, and the figures over the repeats.
 * Reports are rendered from it (and the repeats' histories) alone, so that they can be rendered
 * again from recorded evidence.
 */
public record Summary(int schemaVersion, String runId, ScenarioInfo scenario, long seed, boolean asExpected,
                      Fingerprint fingerprint, List<Repeat> repeats, Map<String, Spread> figures) {

    public static final int SCHEMA_VERSION = 1;
    /** A node fault as a result records it: its action, the node it hit, and its target. */
    private static final Pattern ON_NODE = Pattern.compile("^(\\S+) \\S+ \\((.+)\\)$");

    /**
     * The scenario as its file stated it, with its place in the N+1 matrix ({@code tier}, {@code fault});
     * {@code mayBeViolated}, {@code tier} and {@code fault} are absent from summaries written before they existed.
     */
    public record ScenarioInfo(String name, String description, String file, String profile, String sloProfile,
                               Set<String> expectedViolations, Set<String> mayBeViolated, Set<String> tags,
                               String tier, String fault) {

        public ScenarioInfo {
            mayBeViolated = mayBeViolated == null ? Set.of() : mayBeViolated;
        }

        public Expectation expectation() {
            return new Expectation(expectedViolations, mayBeViolated);
        }
    }

    /** One repeat: its seed, verdict and every measurement. */
    public record Repeat(int repeat, long seed, boolean asExpected, Set<String> violations, List<SloResult> slos,
                         RunResult result) {}

    /** A row of the N+1 matrix: the tier a scenario's first fault hits, and its faults in words. */
    public record MatrixRow(String tier, String fault) {}

    /**
     * Where the run sits in the N+1 matrix; for a summary written before the scenario stated it,
     * read from the faults its first repeat recorded: {@code kill redis0 (redis.master)} on a node,
     * {@code down replication} on a link.
     */
    public MatrixRow matrixRow() {
        if (scenario.tier() != null && scenario.fault() != null) {
            return new MatrixRow(scenario.tier(), scenario.fault());
        }
        List<String> faults = repeats.isEmpty() ? List.of()
                : repeats.get(0).result().faults().stream().map(FaultRecovery::fault).toList();
        if (faults.isEmpty()) {
            return new MatrixRow("none", "");
        }
        Matcher first = ON_NODE.matcher(faults.get(0));
        String tier = first.matches() ? first.group(2).replaceFirst("^([a-z]+).*$", "$1") : "links";
        return new MatrixRow(tier, faults.stream().map(Summary::inWords).collect(Collectors.joining(", then ")));
    }

    /** A recorded fault as the scenario describes it: {@code kill redis.master}, {@code down on replication}. */
    private static String inWords(String fault) {
        Matcher onNode = ON_NODE.matcher(fault);
        return onNode.matches() ? onNode.group(1) + " " + onNode.group(2) : fault.replaceFirst(" (\\S+)$", " on $1");
    }

    /** Every repeat a stop request cut short, in words; empty when each ran its course. */
    public List<String> aborted() {
        return repeats.stream().filter(repeat -> repeat.result().aborted() != null)
                .map(repeat -> "repeat " + repeat.repeat() + " " + repeat.result().aborted().describe()).toList();
    }

    public static Summary of(String runId, ScenarioOutcome outcome) {
        var scenario = outcome.scenario();
        List<Repeat> repeats = new ArrayList<>();
        for (ScenarioOutcome.Attempt attempt : outcome.attempts()) {
            repeats.add(new Repeat(attempt.repeat(), attempt.seed(), attempt.asExpected(),
                    attempt.verdict().violations(), attempt.verdict().results(), attempt.result()));
        }
        return new Summary(SCHEMA_VERSION, runId, new ScenarioInfo(scenario.name(), scenario.description(),
                projectRelative(scenario.file()), scenario.topology().profile().id(), scenario.sloProfile().id(),
                scenario.expectation().violated(), scenario.expectation().mayBeViolated(), scenario.tags(),
                scenario.matrixTier(), scenario.faultsInWords()),
                outcome.seed(), outcome.asExpected(), outcome.fingerprint(), repeats, figures(repeats));
    }

    /** A scenario file as the project names it ({@code scenarios/x.yaml}), wherever the project is checked out. */
    private static String projectRelative(String file) {
        Path path = Path.of(file).toAbsolutePath().normalize();
        Path home = ProjectHome.directory().toAbsolutePath().normalize();
        return path.startsWith(home) ? home.relativize(path).toString() : file;
    }

    /** The N+1 matrix's figures, each as min / median / max over the repeats. */
    static Map<String, Spread> figures(List<Repeat> repeats) {
        Map<String, Function<RunResult, Double>> figures = new LinkedHashMap<>();
        figures.put("recovery_ms", Summary::slowestRecoveryMs);
        for (OperationKind kind : OperationKind.values()) {
            figures.put("heal_disruption_" + kind.id() + "_ms", run -> longestHealDisruptionMs(run, kind));
        }
        figures.put("failed_orders", run -> (double) run.faults().stream().mapToInt(FaultRecovery::failedOrders).sum());
        figures.put("unknown_orders", run -> (double) run.faults().stream().mapToInt(FaultRecovery::unknownOrders).sum());
        figures.put("failed_order_percent", run -> run.failedOrderFractionUnderFault() * 100);
        figures.put("lost_orders", run -> (double) run.orders().lost().size());
        figures.put("lost_writes", run -> (double) (run.redisWrites().lost().size() + run.postgresWrites().lost().size()));
        figures.put("order_p99_ms", run -> run.orderLatency().p99Ms());
        figures.put("order_p999_ms", run -> run.orderLatency().p999Ms());
        figures.put("shed_orders", run -> run.orderLoad() == null ? null : (double) run.orderLoad().shed());
        figures.put("acknowledged_orders_per_second", run -> run.orderLoad() == null ? null
                : run.orderLoad().acknowledgedPerSecond());
        figures.put("harness_send_lag_max_ms", run -> run.orderLoad() == null ? null : run.orderLoad().maxSendLagMs());
        figures.put("longest_split_brain_ms", run -> (double) run.singleWriter().longestSplitBrainMs());
        figures.put("redundancy_restored_ms", run -> run.redundancy().restoredAfterHealMs() == null ? null
                : (double) run.redundancy().restoredAfterHealMs());
        figures.put("replicas_restored_ms", run -> run.redundancy().restoredAfterFaultMs() == null ? null
                : (double) run.redundancy().restoredAfterFaultMs());
        figures.put("stack_memory_peak_mib", run -> run.memory().sampled()
                ? MemoryUse.mebibytes(run.memory().stackPeakBytes()) : null);
        Map<String, Spread> spreads = new LinkedHashMap<>();
        figures.forEach((name, figure) -> spreads.put(name,
                Spread.of(repeats.stream().map(repeat -> figure.apply(repeat.result())).toList())));
        return spreads;
    }

    /** The longest disruption after a heal of one kind: 0 without healed faults, none when one never settled. */
    private static Double longestHealDisruptionMs(RunResult run, OperationKind kind) {
        List<Long> disruptions = run.faults().stream().filter(fault -> fault.healedMs() != null)
                .flatMap(fault -> fault.on(kind).stream()).map(Disruption::healDisruptionMs).toList();
        if (disruptions.contains(null)) {
            return null;
        }
        return disruptions.stream().mapToDouble(Long::doubleValue).max().orElse(0);
    }

    /** 0 without faults; none when a fault never recovered. */
    private static Double slowestRecoveryMs(RunResult run) {
        Optional<FaultRecovery> slowest = run.slowestRecovery();
        if (slowest.isEmpty()) {
            return 0.0;
        }
        return slowest.get().recoveryMs() == null ? null : slowest.get().recoveryMs().doubleValue();
    }
}
