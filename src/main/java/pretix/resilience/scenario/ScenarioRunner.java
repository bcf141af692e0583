package pretix.resilience.scenario;

import com.github.dockerjava.api.DockerClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import pretix.resilience.run.IncompleteStackException;
import pretix.resilience.run.ResilienceRun;
import pretix.resilience.run.RunResult;
import pretix.resilience.slo.Verdict;
import pretix.resilience.stack.Topology;
import pretix.resilience.stack.launch.RunningStack;

/**
 * Runs a scenario on a stack of its topology, once per repeat, and judges every run against the
 * scenario's objectives. Repeat {@code i} uses seed {@code seed + i - 1}, so that each repeat
 * draws its own schedule and any one of them can be run again alone.
 */
public final class ScenarioRunner {

    /** Where the stacks come from: the JUnit suites keep one per class, {@code chaos run} one per topology. */
    public interface Stacks {
        RunningStack stackFor(Topology topology);

        /** A new stack in place of one a run found incomplete. */
        RunningStack replace(Topology topology);
    }

    private final DockerClient docker;
    private final Stacks stacks;
    private final Consumer<String> progress;

    public ScenarioRunner(DockerClient docker, Stacks stacks, Consumer<String> progress) {
        this.docker = docker;
        this.stacks = stacks;
        this.progress = progress;
    }

    /** @param directory the run's report directory; each repeat writes its evidence to {@code repeat-<i>/} */
    public ScenarioOutcome run(Scenario scenario, long seed, int repeats, Path directory) throws Exception {
        List<ScenarioOutcome.Attempt> attempts = new ArrayList<>();
        RunningStack stack = stacks.stackFor(scenario.topology());
        for (int repeat = 1; repeat <= repeats; repeat++) {
            long repeatSeed = seed + repeat - 1;
            progress.accept(String.format("%s: repeat %d of %d, seed %d", scenario.name(), repeat, repeats, repeatSeed));
            Path evidence = directory.resolve(ScenarioOutcome.repeatDirectory(repeat));
            RunResult result;
            try {
                result = execute(scenario, stack, repeatSeed, evidence);
            } catch (IncompleteStackException e) {
                // What an earlier run left broken is that run's finding; this one starts afresh.
                progress.accept("fresh stack: " + e.getMessage());
                stack = stacks.replace(scenario.topology());
                result = execute(scenario, stack, repeatSeed, evidence);
            }
            Verdict verdict = Verdict.of(result, scenario.objectives(), scenario.expectedViolations());
            progress.accept(scenario.name() + " repeat " + repeat + ": " + (verdict.asExpected() ? "as expected"
                    : "NOT as expected") + "\n" + verdict.explain());
            attempts.add(new ScenarioOutcome.Attempt(repeat, repeatSeed, result, verdict));
        }
        return new ScenarioOutcome(scenario, seed, attempts, Fingerprint.of(docker, stack.deployed(), scenario));
    }

    private RunResult execute(Scenario scenario, RunningStack stack, long seed, Path evidence) throws Exception {
        return new ResilienceRun(docker, stack.topology(), stack.id(), scenario.plan(), seed, progress)
                .execute(scenario.name(), scenario.steps(new Random(seed)), evidence);
    }
}
