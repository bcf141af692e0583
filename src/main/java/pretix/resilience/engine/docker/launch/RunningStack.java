package pretix.resilience.engine.docker.launch;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import pretix.resilience.engine.AbstractLaunchedStack;
import pretix.resilience.engine.docker.ResourceSweeper;
import pretix.resilience.stack.DeployedStack;
import pretix.resilience.stack.StackSecrets;
import pretix.resilience.stack.Topology;

/** A stack this process started. Closing it removes every container and the network. */
public final class RunningStack extends AbstractLaunchedStack {

    private final boolean kept;
    private final StackSecrets secrets;
    private final List<NodeContainer> containers;
    private final ResourceSweeper sweeper;
    private final AtomicBoolean closed;
    private boolean swept;

    /** @param closed shared with the stack's containers, which refuse to be created once it is set */
    RunningStack(String id, Topology topology, boolean kept, StackSecrets secrets, List<NodeContainer> containers,
                 AtomicBoolean closed, ResourceSweeper sweeper) {
        super(id, topology);
        this.kept = kept;
        this.secrets = secrets;
        this.containers = containers;
        this.sweeper = sweeper;
        this.closed = closed;
    }

    @Override
    public DeployedStack deployed() {
        return new DeployedStack(id(), topology().profile(), kept, secrets,
                containers.stream().map(NodeContainer::deployed).toList());
    }

    /** Removes the stack's containers, network and keep marker. */
    @Override
    public void close() {
        closed.set(true);
        // A second caller (the shutdown hook while a failed start cleans up) waits for the first:
        // the JVM halts when the hooks return, and must not cut the sweep short.
        synchronized (this) {
            if (!swept) {
                sweeper.removeStack(id());
                swept = true;
            }
        }
    }
}
