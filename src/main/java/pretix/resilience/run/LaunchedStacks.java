package pretix.resilience.run;

import java.util.function.Consumer;
import pretix.resilience.engine.Engine;
import pretix.resilience.engine.LaunchedStack;
import pretix.resilience.stack.Topology;

/**
 * One stack at a time, launched for the topology asked for: a scenario of another topology
 * removes the current stack first, since two would not fit a 2-core machine. Run scenarios
 * grouped by topology so that each stack serves as many as it can.
 */
public final class LaunchedStacks implements ScenarioRunner.Stacks, AutoCloseable {

    private final Engine engine;
    private final Consumer<String> progress;
    private final boolean keep;
    private final boolean attached;
    private LaunchedStack current;
    private volatile boolean starting;

    /** @param keep leave the last stack running after {@link #close()}, for investigation */
    public LaunchedStacks(Engine engine, boolean keep, Consumer<String> progress) {
        this.engine = engine;
        this.progress = progress;
        this.keep = keep;
        this.attached = false;
    }

    private LaunchedStacks(Engine engine, LaunchedStack attachedStack, Consumer<String> progress) {
        this.engine = engine;
        this.progress = progress;
        this.keep = true;
        this.attached = true;
        this.current = attachedStack;
    }

    /**
     * Every scenario on a stack that was running before: one of another topology is refused, and
     * a stack that did not settle is not replaced. It stays running.
     */
    public static LaunchedStacks attachedTo(Engine engine, String stackId, Consumer<String> progress) {
        LaunchedStack stack = engine.attach(stackId, progress);
        progress.accept("attached to stack " + stackId + " (" + stack.topology().profile().id() + ", "
                + stack.deployed().nodes().size() + " nodes)");
        return new LaunchedStacks(engine, stack, progress);
    }

    @Override
    public synchronized LaunchedStack stackFor(Topology topology) {
        if (current != null && current.topology().equals(topology)) {
            return current;
        }
        if (attached) {
            throw new IllegalArgumentException("the scenario needs " + topology.describe() + "; the attached stack "
                    + current.id() + " is " + current.topology().describe());
        }
        closeCurrent();
        starting = true;
        try {
            current = engine.launch(topology, keep, progress);
        } finally {
            starting = false;
        }
        return current;
    }

    /** Whether a stack is being started right now (not synchronized: a signal handler asks). */
    public boolean starting() {
        return starting;
    }

    @Override
    public synchronized LaunchedStack replace(Topology topology) {
        if (attached) {
            throw new IllegalStateException("the attached stack " + current.id() + " did not settle, and a stack this"
                    + " run did not start is not replaced: `./chaos status` shows what is wrong with it");
        }
        closeCurrent();
        return stackFor(topology);
    }

    /** The stack left running, if any. */
    public synchronized LaunchedStack current() {
        return current;
    }

    @Override
    public synchronized void close() {
        if (!keep) {
            closeCurrent();
        }
    }

    private void closeCurrent() {
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
