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
    private LaunchedStack current;
    private volatile boolean starting;

    /** @param keep leave the last stack running after {@link #close()}, for investigation */
    public LaunchedStacks(Engine engine, boolean keep, Consumer<String> progress) {
        this.engine = engine;
        this.progress = progress;
        this.keep = keep;
    }

    @Override
    public synchronized LaunchedStack stackFor(Topology topology) {
        if (current != null && current.topology().equals(topology)) {
            return current;
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
