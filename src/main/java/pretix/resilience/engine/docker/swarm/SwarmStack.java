package pretix.resilience.engine.docker.swarm;

import java.util.function.Supplier;
import pretix.resilience.engine.AbstractLaunchedStack;
import pretix.resilience.engine.docker.ResourceSweeper;
import pretix.resilience.stack.DeployedStack;
import pretix.resilience.stack.Topology;

/** A stack this process deployed on a swarm. Closing it removes its services, secrets, config, network and volumes. */
final class SwarmStack extends AbstractLaunchedStack {

    private final Supplier<DeployedStack> deployed;
    private final ResourceSweeper sweeper;
    private final Swarm swarm;
    private volatile boolean closed;
    private boolean swept;

    SwarmStack(String id, Topology topology, Supplier<DeployedStack> deployed, ResourceSweeper sweeper, Swarm swarm) {
        super(id, topology);
        this.deployed = deployed;
        this.sweeper = sweeper;
        this.swarm = swarm;
    }

    boolean closed() {
        return closed;
    }

    /** As it is now: a task Swarm replaced runs in a new container, with new host ports. */
    @Override
    public DeployedStack deployed() {
        return deployed.get();
    }

    @Override
    public void close() {
        closed = true;
        synchronized (this) {
            if (!swept) {
                sweeper.removeStack(id());
                swarm.leaveIfOursAndEmpty();
                swept = true;
            }
        }
    }
}
