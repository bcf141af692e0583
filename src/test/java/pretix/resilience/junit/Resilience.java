package pretix.resilience.junit;

import java.nio.file.Path;
import java.util.List;
import pretix.resilience.docker.Docker;
import pretix.resilience.run.IncompleteStackException;
import pretix.resilience.run.ResilienceRun;
import pretix.resilience.run.RunPlan;
import pretix.resilience.run.RunResult;
import pretix.resilience.run.Step;
import pretix.resilience.stack.Topology;
import pretix.resilience.stack.launch.RunningStack;

/** What a resilience test works with: its suite's stack, and runs of a fault timeline under order load. */
public final class Resilience {

    /** Fixed, so that a failing test repeats with the same random choices; the seed is in every summary. */
    private static final long SEED = 1;

    private final SuiteStack stack;
    private final Path reports;

    Resilience(SuiteStack stack, Path reports) {
        this.stack = stack;
        this.reports = reports;
    }

    public Topology topology() {
        return stack.current().topology();
    }

    public RunResult run(Step... timeline) throws Exception {
        return run(RunPlan.defaults(), timeline);
    }

    /** Runs the timeline under load; history and summary go to {@code reports/<class>/<test>/}. */
    public RunResult run(RunPlan plan, Step... timeline) throws Exception {
        RunResult result;
        try {
            result = run(stack.current(), plan, timeline);
        } catch (IncompleteStackException e) {
            // An earlier test left damage behind (its own verdict says so); this one starts afresh.
            System.out.println("FRESH STACK: " + e.getMessage());
            result = run(stack.replace(), plan, timeline);
        }
        System.out.println(RunAssert.summary(result));
        return result;
    }

    private RunResult run(RunningStack on, RunPlan plan, Step... timeline) throws Exception {
        return new ResilienceRun(Docker.client(), on.topology(), on.id(), plan, SEED, System.out::println)
                .execute(reports.getFileName().toString(), List.of(timeline), reports);
    }
}
