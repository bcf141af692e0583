package pretix.resilience.engine.docker.swarm;

import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import org.awaitility.core.ConditionTimeoutException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import pretix.resilience.engine.Engine;
import pretix.resilience.engine.LaunchedStack;
import pretix.resilience.engine.NodeState;
import pretix.resilience.engine.PacketFilter;
import pretix.resilience.engine.Swept;
import pretix.resilience.engine.docker.Docker;
import pretix.resilience.engine.docker.DockerEngine;
import pretix.resilience.engine.docker.Labels;
import pretix.resilience.engine.docker.image.BundledImages;
import pretix.resilience.stack.DeployedNode;
import pretix.resilience.stack.DeployedStack;
import pretix.resilience.stack.Topology;

/**
 * The stack as a Swarm stack on this daemon's swarm, one service per node. A fault acts on the
 * container of the node's current task, as on a container of the Docker engine; what Swarm does
 * then (a killed task replaced by a new container, with new host ports) is left to Swarm and
 * measured, not hidden. Every call looks up the node's current task, since a node known from
 * before a replacement names a container that is gone.
 */
public final class SwarmEngine implements Engine {

    /** Swarm restarts a failed task after 5 s by default; a node started again waits that and its start. */
    private static final Duration TASK_REPLACEMENT_TIMEOUT = Duration.ofSeconds(60);

    private final DockerClient docker;
    private final Path imagesDirectory;
    private final DockerEngine containers;
    private final Swarm swarm;
    private final Map<String, String> stackOfContainer = new ConcurrentHashMap<>();

    public SwarmEngine(DockerClient docker, Path imagesDirectory) {
        this.docker = docker;
        this.imagesDirectory = imagesDirectory;
        this.containers = new DockerEngine(docker, imagesDirectory, StackFile::network);
        this.swarm = new Swarm(docker);
    }

    public static SwarmEngine local() {
        return new SwarmEngine(Docker.client(), BundledImages.directory());
    }

    @Override
    public LaunchedStack launch(Topology topology, boolean keep, Consumer<String> progress) {
        return new SwarmLauncher(docker, imagesDirectory, this, swarm, progress).launch(topology, keep);
    }

    /**
     * A stack deployed from our stack file by hand, by the name it was deployed under, or one the
     * harness keeps. A stack deployed a moment ago is waited for until every service runs its task
     * and every node passes its readiness probe, as a stack the harness deploys.
     */
    @Override
    public LaunchedStack attach(String id, Consumer<String> progress) {
        long started = System.nanoTime();
        try {
            await().atMost(TASK_REPLACEMENT_TIMEOUT).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> everyServiceRuns(id));
        } catch (ConditionTimeoutException e) {
            // attach says which nodes do not run
        }
        LaunchedStack stack = containers.attach(id, progress);
        DeployedStack deployed = stack.deployed();
        new TaskReadiness(this, id, stack.topology(), deployed.clients(), () -> false, progress)
                .awaitAll(stack.topology().allNodes(), started);
        return stack;
    }

    private boolean everyServiceRuns(String id) {
        int services = docker.listServicesCmd().withLabelFilter(Map.of(Labels.SWARM_STACK, id)).exec().size();
        List<DeployedNode> nodes = containers.stack(id).nodes();
        return services > 0 && nodes.size() == services && nodes.stream().allMatch(DeployedNode::running);
    }

    @Override
    public List<DeployedStack> stacks() {
        List<DeployedStack> stacks = containers.stacks();
        stacks.forEach(this::remember);
        return stacks;
    }

    @Override
    public DeployedStack stack(String id) {
        return remember(containers.stack(id));
    }

    /** A node's container may be gone by the time it is acted on (a service scaled to none): its stack is remembered. */
    private DeployedStack remember(DeployedStack stack) {
        stack.nodes().forEach(node -> stackOfContainer.put(node.containerId(), stack.id()));
        return stack;
    }

    @Override
    public Map<String, Long> stacksInUse() {
        return containers.stacksInUse();
    }

    /** Also leaves the swarm when the harness made it and nothing else runs on it. */
    @Override
    public Swept removeStacks(boolean evenInUse) {
        Swept swept = containers.removeStacks(evenInUse);
        swarm.leaveIfOursAndEmpty();
        return swept;
    }

    /** Attached means on the stack's overlay network, which Swarm names after the stack; a service without a task is stopped. */
    @Override
    public NodeState state(DeployedStack stack, DeployedNode node) {
        Optional<DeployedNode> currentTask = currentTask(node);
        if (currentTask.isEmpty()) {
            return new NodeState(false, false, true, false, false);
        }
        DeployedNode task = currentTask.get();
        NodeState state = containers.state(stack, task);
        boolean attached = docker.inspectContainerCmd(task.containerId()).exec().getNetworkSettings().getNetworks()
                .containsKey(StackFile.network(stack.id()));
        return new NodeState(state.running(), state.frozen(), attached, state.limited(), false);
    }

    @Override
    public void kill(DeployedNode node) {
        containers.kill(current(node));
    }

    @Override
    public void stop(DeployedNode node, Duration grace) {
        containers.stop(current(node), grace);
    }

    @Override
    public void restart(DeployedNode node, Duration grace) {
        containers.restart(current(node), grace);
    }

    @Override
    public void freeze(DeployedNode node) {
        containers.freeze(current(node));
    }

    @Override
    public void thaw(DeployedNode node) {
        containers.thaw(current(node));
    }

    @Override
    public boolean orchestrated() {
        return true;
    }

    @Override
    public void scale(DeployedNode node, int tasks) {
        SwarmCli.docker("service", "scale", "--detach", service(node) + "=" + tasks);
    }

    /** Returns at once: the update's effect on buyers is what a run observes. */
    @Override
    public void update(DeployedNode node) {
        SwarmCli.docker("service", "update", "--force", "--detach", service(node));
    }

    /**
     * Swarm starts a stopped node's new task itself: this waits for it, after scaling a service
     * scaled to none back to one task.
     */
    @Override
    public void start(DeployedNode node) {
        String service = service(node);
        String replicas = SwarmCli.docker("service", "inspect", "--format", "{{.Spec.Mode.Replicated.Replicas}}", service)
                .strip();
        if ("0".equals(replicas)) {
            scale(node, 1);
        }
        await().atMost(TASK_REPLACEMENT_TIMEOUT).pollInterval(Duration.ofMillis(250))
                .until(() -> currentTask(node).filter(DeployedNode::running).isPresent());
    }

    /**
     * Docker cuts a task off its overlay network, but a task connected again is no longer found
     * under its service's name, not even with the name as an alias (measured): it would outlast
     * its heal. So the task stays on its network and refuses every packet but its loopback's: the
     * others still resolve its name, where on the Docker engine their lookups fail.
     */
    @Override
    public void disconnect(DeployedStack stack, DeployedNode node) {
        filterPackets(stack, node, new PacketFilter.Unplugged());
    }

    @Override
    public void connect(DeployedStack stack, DeployedNode node) {
        clearPacketFilters(stack, node);
    }

    @Override
    public void filterPackets(DeployedStack stack, DeployedNode node, PacketFilter filter) {
        containers.filterPackets(stack, current(node), filter);
    }

    @Override
    public boolean clearPacketFilters(DeployedStack stack, DeployedNode node) {
        return containers.clearPacketFilters(stack, current(node));
    }

    @Override
    public void limitCpu(DeployedNode node, double cores) {
        containers.limitCpu(current(node), cores);
    }

    @Override
    public void limitMemory(DeployedNode node, long bytes) {
        containers.limitMemory(current(node), bytes);
    }

    @Override
    public boolean liftResourceLimits(DeployedNode node) {
        return containers.liftResourceLimits(current(node));
    }

    /** The WAL's disk on Swarm is a named volume, which has no size to fill. */
    @Override
    public void fillDisk(DeployedStack stack, DeployedNode node) {
        throw new UnsupportedOperationException("disk_full is not supported on Swarm: a node's WAL is on a named volume"
                + " without a size of its own there");
    }

    @Override
    public boolean freeDisk(DeployedStack stack, DeployedNode node) {
        return false;
    }

    @Override
    public String exec(DeployedNode node, List<String> environment, Duration timeout, String... command) {
        return containers.exec(current(node), environment, timeout, command);
    }

    @Override
    public void copyLogs(DeployedNode node, Instant since, Path file) throws IOException {
        containers.copyLogs(current(node), since, file);
    }

    @Override
    public OptionalLong workingSet(DeployedNode node) {
        return containers.workingSet(current(node));
    }

    @Override
    public OptionalLong cpuNanos(DeployedNode node) {
        return containers.cpuNanos(current(node));
    }

    @Override
    public Map<String, String> images(DeployedStack stack) {
        return containers.images(stack);
    }

    @Override
    public String version() {
        return containers.version() + " (swarm)";
    }

    @Override
    public long memoryBytes() {
        return containers.memoryBytes();
    }

    /** The Swarm service the node is the task of: {@code docker stack deploy} names it {@code <stack>_<node>}. */
    private String service(DeployedNode node) {
        return stackOf(node) + "_" + node.name();
    }

    private String stackOf(DeployedNode node) {
        return stackOfContainer.computeIfAbsent(node.containerId(), container -> {
            Map<String, String> labels = docker.inspectContainerCmd(container).exec().getConfig().getLabels();
            return labels.getOrDefault(Labels.STACK, labels.get(Labels.SWARM_STACK));
        });
    }

    /** The node as its service's current task: the running container, else a stopped one; none when scaled to none. */
    private Optional<DeployedNode> currentTask(DeployedNode node) {
        return containers.stack(stackOf(node)).nodes().stream().filter(task -> task.node().equals(node.node())).findFirst();
    }

    private DeployedNode current(DeployedNode node) {
        return currentTask(node).orElseThrow(() -> new IllegalStateException(node.name()
                + " has no task: its service is scaled to none"));
    }
}
