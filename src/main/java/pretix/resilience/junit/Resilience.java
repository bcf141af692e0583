package pretix.resilience.junit;

import java.nio.file.Path;
import java.util.List;
import pretix.resilience.engine.Engine;
import pretix.resilience.result.RunPlan;
import pretix.resilience.result.RunResult;
import pretix.resilience.scenario.Step;
import pretix.resilience.run.LaunchedStacks;
import pretix.resilience.run.ScenarioRunner;
import pretix.resilience.stack.Topology;

/** What a resilience test works with: its suite's topology, and runs of a fault timeline under order load. */
public final class Resilience {

    /** Fixed, so that a failing test repeats with the same random choices; the seed is in every result. */
    private static final long SEED = 1;

    private final ScenarioRunner runner;
    private final Topology topology;
    private final Path evidence;

    Resilience(Engine engine, LaunchedStacks stacks, Topology topology, Path evidence) {
        this.runner = new ScenarioRunner(engine, stacks, System.out::println);
        this.topology = topology;
        this.evidence = evidence;
    }

    public Topology topology() {
        return topology;
    }

    /** Runs the timeline under the default load; history and result go to {@code reports/<class>/<test>/}. */
    public RunResult run(Step... timeline) throws Exception {
        return runner.run(topology, RunPlan.defaults(), evidence.getFileName().toString(), List.of(timeline), SEED,
                evidence);
    }
}
