package pretix.resilience.junit;

import java.nio.file.Path;
import java.util.List;
import pretix.resilience.docker.Docker;
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

    private final RunningStack stack;
    private final Path reports;

    Resilience(RunningStack stack, Path reports) {
        this.stack = stack;
        this.reports = reports;
    }

    public Topology topology() {
        return stack.topology();
    }

    public RunResult run(Step... timeline) throws Exception {
        return run(RunPlan.defaults(), timeline);
    }

    /** Runs the timeline under load; history and summary go to {@code reports/<class>/<test>/}. */
    public RunResult run(RunPlan plan, Step... timeline) throws Exception {
        RunResult result = new ResilienceRun(Docker.client(), stack.topology(), stack.id(), plan, SEED,
                System.out::println).execute(reports.getFileName().toString(), List.of(timeline), reports);
        System.out.println(RunAssert.summary(result));
        return result;
    }
}
