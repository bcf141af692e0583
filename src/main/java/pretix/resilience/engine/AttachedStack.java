package pretix.resilience.engine;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import pretix.resilience.stack.DeployedNode;
import pretix.resilience.stack.DeployedStack;
import pretix.resilience.stack.Topology;

/**
 * A stack that was running before this process came: scenarios run against it as they are
 * found, and closing it leaves it running; it is its owner's to remove.
 */
public final class AttachedStack extends AbstractLaunchedStack {

    private final Supplier<DeployedStack> deployed;

    private AttachedStack(String id, Topology topology, Supplier<DeployedStack> deployed) {
        super(id, topology);
        // Started before this process: no time to ready was measured here.
        markReady(Duration.ZERO);
        this.deployed = deployed;
    }

    /**
     * The stack as {@code deployed} finds it, refused when a node of it does not run.
     *
     * @throws IllegalArgumentException naming every node without a running container
     */
    public static AttachedStack of(String id, Supplier<DeployedStack> deployed) {
        DeployedStack stack = deployed.get();
        List<String> notRunning = stack.nodes().stream().filter(node -> !node.running()).map(DeployedNode::name).toList();
        if (!notRunning.isEmpty()) {
            throw new IllegalArgumentException("stack " + id + " cannot be attached: " + String.join(", ", notRunning)
                    + (notRunning.size() == 1 ? " does" : " do") + " not run");
        }
        return new AttachedStack(id, stack.topology(), deployed);
    }

    /** Started before this process: no time to ready was measured here. */

    @Override
    public DeployedStack deployed() {
        return deployed.get();
    }

    @Override
    public void close() {
        // its owner's to remove
    }
}
