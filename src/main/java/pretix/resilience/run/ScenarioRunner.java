package pretix.resilience.run;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import pretix.resilience.engine.Engine;
import pretix.resilience.engine.LaunchedStack;
import pretix.resilience.result.RunPlan;
import pretix.resilience.result.RunResult;
import pretix.resilience.scenario.Scenario;
import pretix.resilience.scenario.Step;
import pretix.resilience.slo.Verdict;
import pretix.resilience.stack.Topology;

/**
 * Runs a scenario on a stack of its topology, once per repeat, and judges every run against the
 * scenario's objectives. Repeat {@code i} uses seed {@code seed + i - 1}, so that each repeat
 * draws its own schedule and any one of them can be run again alone.
 */
public final class ScenarioRunner {

    /** Where the stacks come from: the JUnit suites keep one per class, {@code chaos run} one per topology. */
    public interface Stacks {
        LaunchedStack stackFor(Topology topology);

        /** A new stack in place of one a run found incomplete. */
        LaunchedStack replace(Topology topology);
    }

    private static final String DISCARDED_STACK_LOGS = "logs-of-the-discarded-stack";
    private static final String INCOMPLETE_STACK_LOGS = "logs-of-the-stack-that-did-not-settle";

    private final Engine engine;
    private final Stacks stacks;
    private final Consumer<String> progress;
    private Interruption interruption = Interruption.NONE;

    public ScenarioRunner(Engine engine, Stacks stacks, Consumer<String> progress) {
        this.engine = engine;
        this.stacks = stacks;
        this.progress = progress;
    }

    /**
     * Ends the scenario at the next wait once a stop is requested: the repeat under way is saved
     * and judged as aborted (or, with its faults left in effect, only saved), no further repeat
     * starts.
     */
    public ScenarioRunner stoppableBy(Interruption interruption) {
        this.interruption = interruption;
        return this;
    }

    /** @param directory the run's report directory; each repeat writes its evidence to {@code repeat-<i>/} */
    public ScenarioOutcome run(Scenario file, long seed, int repeats, Path directory) throws Exception {
        Scenario scenario = engine.orchestrated() ? file.onSwarm() : file;
        List<ScenarioOutcome.Attempt> attempts = new ArrayList<>();
        for (int repeat = 1; repeat <= repeats && !interruption.requested(); repeat++) {
            long repeatSeed = seed + repeat - 1;
            progress.accept(String.format("%s: repeat %d of %d, seed %d", scenario.name(), repeat, repeats, repeatSeed));
            RunResult result;
            try {
                result = run(scenario.topology(), scenario.plan(), scenario.name(), scenario.timelineFor(repeatSeed), repeatSeed,
                        directory.resolve(ScenarioOutcome.repeatDirectory(repeat)));
            } catch (Interruption.Stop stopped) {
                break;
            }
            var attempt = new ScenarioOutcome.Attempt(repeat, repeatSeed, result,
                    Verdict.of(result, scenario.objectives(), scenario.expectation()));
            progress.accept(scenario.name() + " repeat " + repeat + ": " + (result.aborted() != null ? "aborted"
                    : attempt.asExpected() ? "as expected" : "NOT as expected") + "\n" + attempt.explain());
            attempts.add(attempt);
        }
        return new ScenarioOutcome(scenario, seed, attempts,
                Fingerprint.of(engine, stacks.stackFor(scenario.topology()).deployed(), scenario));
    }

    /**
     * One run of a timeline under load on a stack of the topology, its evidence written to
     * {@code evidence}; on a fresh stack when the current one is found incomplete.
     */
    public RunResult run(Topology topology, RunPlan plan, String name, List<Step> timeline, long seed, Path evidence)
            throws Exception {
        LaunchedStack stack = stacks.stackFor(topology);
        try {
            return resilienceRun(stack, plan, seed).requiringSteadyState().execute(name, timeline, evidence);
        } catch (IncompleteStackException e) {
            if (interruption.requested()) {
                throw new Interruption.Stop(interruption.signal());
            }
            // What an earlier run left broken is that run's finding; this one starts afresh, and
            // whatever it then shows is its own.
            progress.accept("fresh stack: " + e.getMessage());
            keepEveryLog(stack, evidence.resolve(DISCARDED_STACK_LOGS));
        }
        LaunchedStack fresh = stacks.replace(topology);
        try {
            return resilienceRun(fresh, plan, seed).execute(name, timeline, evidence);
        } catch (IncompleteStackException e) {
            keepEveryLog(fresh, evidence.resolve(INCOMPLETE_STACK_LOGS));
            throw e;
        }
    }

    /** Every node's log, so that a stack that did not settle can be looked into after it is gone. */
    private void keepEveryLog(LaunchedStack stack, Path directory) {
        NodeLogs.keep(engine, stack.deployed().nodes(), Instant.EPOCH, directory, progress);
        progress.accept("  kept every node's log in " + directory);
    }

    private ResilienceRun resilienceRun(LaunchedStack stack, RunPlan plan, long seed) {
        return new ResilienceRun(engine, stack.topology(), stack.id(), plan, seed, progress).stoppableBy(interruption);
    }
}
