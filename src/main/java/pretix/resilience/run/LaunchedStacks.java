package pretix.resilience.run;

import com.github.dockerjava.api.DockerClient;
import java.nio.file.Path;
import java.util.function.Consumer;
import pretix.resilience.stack.Topology;
import pretix.resilience.stack.launch.RunningStack;
import pretix.resilience.stack.launch.StackLauncher;

/**
 * One stack at a time, launched for the topology asked for: a scenario of another topology
 * removes the current stack first, since two would not fit a 2-core machine. Run scenarios
 * grouped by topology so that each stack serves as many as it can.
 */
public final class LaunchedStacks implements ScenarioRunner.Stacks, AutoCloseable {

    private final StackLauncher launcher;
    private final boolean keep;
    private RunningStack current;
    private volatile boolean starting;

    /** @param keep leave the last stack running after {@link #close()}, for investigation */
    public LaunchedStacks(DockerClient docker, Path imagesDirectory, boolean keep, Consumer<String> progress) {
        this.launcher = new StackLauncher(docker, imagesDirectory, progress);
        this.keep = keep;
    }

    @Override
    public synchronized RunningStack stackFor(Topology topology) {
        if (current != null && current.topology().equals(topology)) {
            return current;
        }
        closeCurrent();
        starting = true;
        try {
            current = launcher.launch(topology, keep);
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
    public synchronized RunningStack replace(Topology topology) {
        closeCurrent();
        return stackFor(topology);
    }

    /** The stack left running, if any. */
    public synchronized RunningStack current() {
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
