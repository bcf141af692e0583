package pretix.resilience.engine.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.CpuStatsConfig;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.MemoryStatsConfig;
import com.github.dockerjava.api.model.Statistics;
import com.github.dockerjava.api.model.StatsConfig;
import com.github.dockerjava.core.InvocationBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import pretix.resilience.engine.AttachedStack;
import pretix.resilience.engine.Engine;
import pretix.resilience.engine.LaunchedStack;
import pretix.resilience.engine.NodeState;
import pretix.resilience.engine.PacketFilter;
import pretix.resilience.engine.Swept;
import pretix.resilience.engine.docker.image.BundledImages;
import pretix.resilience.engine.docker.launch.StackLauncher;
import pretix.resilience.roles.RoleObserver;
import pretix.resilience.stack.DeployedNode;
import pretix.resilience.stack.DeployedStack;
import pretix.resilience.stack.Tier;
import pretix.resilience.stack.Topology;

/**
 * The stack as containers on one Docker daemon, started with Testcontainers and controlled with
 * docker-java; every container, network and volume labelled with the stack and its owner process.
 */
public final class DockerEngine implements Engine {

    /** Where a node cut off the network keeps its address, for {@link #connect} to restore. */
    private static final String ADDRESS_FILE = "/tmp/.chaos-stack-address";
    private static final Duration ADDRESS_TIMEOUT = Duration.ofSeconds(5);

    /** The kernel's default CFS period; a quota below 1 ms of it is refused. */
    private static final long CPU_PERIOD_MICROS = 100_000;
    private static final long MIN_CPU_QUOTA_MICROS = 1_000;

    private static final int FREEZE_ATTEMPTS = 3;
    private static final Duration FREEZE_RETRY_AFTER = Duration.ofMillis(100);

    private final DockerClient docker;
    private final Path imagesDirectory;
    private final DockerStacks stacks;
    private final ResourceSweeper sweeper;
    private final ContainerExec exec;
    private final PacketFilters packetFilters;
    private final NodeDisks disks;

    public DockerEngine(DockerClient docker, Path imagesDirectory) {
        this(docker, imagesDirectory, UnaryOperator.identity());
    }

    /** @param stackNetwork the name of a stack's network from the stack's id, where an orchestrator names it */
    public DockerEngine(DockerClient docker, Path imagesDirectory, UnaryOperator<String> stackNetwork) {
        this.docker = docker;
        this.imagesDirectory = imagesDirectory;
        this.stacks = new DockerStacks(docker);
        this.sweeper = new ResourceSweeper(docker);
        this.exec = new ContainerExec(docker);
        this.packetFilters = new PacketFilters(docker, imagesDirectory, stackNetwork);
        this.disks = new NodeDisks(docker);
    }

    /** The daemon DOCKER_HOST names, or the local socket; the images built from the project's or the jar's. */
    public static DockerEngine local() {
        return new DockerEngine(Docker.client(), BundledImages.directory());
    }

    @Override
    public LaunchedStack launch(Topology topology, boolean keep, Consumer<String> progress) {
        return new StackLauncher(docker, imagesDirectory, new RoleObserver(this), progress).launch(topology, keep);
    }

    @Override
    public LaunchedStack attach(String id, Consumer<String> progress) {
        try {
            stack(id);
        } catch (IllegalStateException none) {
            throw new IllegalArgumentException("no stack " + id + " runs on this Docker daemon (`./chaos status` lists the"
                    + " harness's; `docker stack ls` the swarm's)", none);
        }
        return AttachedStack.of(id, () -> stack(id));
    }

    @Override
    public List<DeployedStack> stacks() {
        return stacks.all();
    }

    @Override
    public DeployedStack stack(String id) {
        return stacks.one(id);
    }

    @Override
    public Map<String, Long> stacksInUse() {
        Map<String, Long> inUse = new TreeMap<>();
        sweeper.stacksInUse().forEach((stack, owner) -> inUse.put(stack, owner.pid()));
        return inUse;
    }

    @Override
    public Swept removeStacks(boolean evenInUse) {
        return evenInUse ? sweeper.removeAll() : sweeper.removeAllNotInUse();
    }

    @Override
    public NodeState state(DeployedStack stack, DeployedNode node) {
        InspectContainerResponse container = docker.inspectContainerCmd(node.containerId()).exec();
        return new NodeState(Boolean.TRUE.equals(container.getState().getRunning()),
                Boolean.TRUE.equals(container.getState().getPaused()),
                container.getNetworkSettings().getNetworks().containsKey(stack.id()),
                limited(container.getHostConfig()),
                node.tier().diskPath().isPresent() && disks.full(stack.id(), node.node()));
    }

    private boolean limited(HostConfig host) {
        long memory = Objects.requireNonNullElse(host.getMemory(), 0L);
        return Objects.requireNonNullElse(host.getCpuQuota(), 0L) > 0 || memory > 0 && memory < memoryBytes();
    }

    @Override
    public void kill(DeployedNode node) {
        docker.killContainerCmd(node.containerId()).exec();
    }

    @Override
    public void stop(DeployedNode node, Duration grace) {
        docker.stopContainerCmd(node.containerId()).withTimeout((int) grace.toSeconds()).exec();
    }

    @Override
    public void restart(DeployedNode node, Duration grace) {
        docker.restartContainerCmd(node.containerId()).withTimeout((int) grace.toSeconds()).exec();
    }

    /**
     * runc gives up a freeze when a task does not stop in time (one busy in the kernel, such as a
     * PostgreSQL fsync on a slow disk), thaws the container and fails with "unable to freeze";
     * runc's maintainers leave the retry to the caller. Seen once in a CI run on a frozen primary.
     */
    @Override
    public void freeze(DeployedNode node) {
        for (int attempt = 1; ; attempt++) {
            try {
                docker.pauseContainerCmd(node.containerId()).exec();
                return;
            } catch (DockerException e) {
                if (attempt == FREEZE_ATTEMPTS || !String.valueOf(e.getMessage()).contains("unable to freeze")) {
                    throw e;
                }
            }
            try {
                Thread.sleep(FREEZE_RETRY_AFTER.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while freezing " + node.name(), e);
            }
        }
    }

    @Override
    public void thaw(DeployedNode node) {
        docker.unpauseContainerCmd(node.containerId()).exec();
    }

    @Override
    public void start(DeployedNode node) {
        docker.startContainerCmd(node.containerId()).exec();
    }

    @Override
    public boolean orchestrated() {
        return false;
    }

    @Override
    public void scale(DeployedNode node, int tasks) {
        throw new UnsupportedOperationException("scale acts on a Swarm service: run with --engine swarm");
    }

    @Override
    public void update(DeployedNode node) {
        throw new UnsupportedOperationException("a rolling update acts on a Swarm service: run with --engine swarm");
    }

    /** The node keeps its address in a file while cut off, for {@link #connect} to restore. */
    @Override
    public void disconnect(DeployedStack stack, DeployedNode node) {
        ContainerNetwork endpoint = docker.inspectContainerCmd(node.containerId()).exec().getNetworkSettings()
                .getNetworks().get(stack.id());
        if (endpoint != null && endpoint.getIpAddress() != null) {
            exec(node, List.of(), ADDRESS_TIMEOUT, "sh", "-c", "echo " + endpoint.getIpAddress() + " > " + ADDRESS_FILE);
        }
        docker.disconnectFromNetworkCmd().withNetworkId(stack.id()).withContainerId(node.containerId())
                .withForce(true).exec();
    }

    /**
     * Joins at the former address: Docker publishes the node's ports to that address; at another,
     * the node would answer its peers but not its host port.
     */
    @Override
    public void connect(DeployedStack stack, DeployedNode node) {
        // A node that does not run cannot be asked; starting it gives it an address.
        boolean runs = state(stack, node).running();
        String address = !runs ? "" : exec(node, List.of(), ADDRESS_TIMEOUT,
                "sh", "-c", "cat " + ADDRESS_FILE + " 2>/dev/null || true").trim();
        if (!address.isEmpty()) {
            try {
                connect(stack, node, new ContainerNetwork.Ipam().withIpv4Address(address));
                return;
            } catch (DockerException taken) {
                // Another node got the address meanwhile (a restarted one): join at a new one.
            }
        }
        connect(stack, node, null);
    }

    private void connect(DeployedStack stack, DeployedNode node, ContainerNetwork.Ipam address) {
        docker.connectToNetworkCmd().withNetworkId(stack.id()).withContainerId(node.containerId())
                .withContainerNetwork(new ContainerNetwork().withAliases(node.name()).withIpamConfig(address)).exec();
    }

    @Override
    public void filterPackets(DeployedStack stack, DeployedNode node, PacketFilter filter) {
        packetFilters.apply(stack, node, filter);
    }

    @Override
    public boolean clearPacketFilters(DeployedStack stack, DeployedNode node) {
        return packetFilters.clear(stack, node, () -> state(stack, node).running());
    }

    @Override
    public void limitCpu(DeployedNode node, double cores) {
        docker.updateContainerCmd(node.containerId()).withCpuPeriod(CPU_PERIOD_MICROS)
                .withCpuQuota(Math.max(MIN_CPU_QUOTA_MICROS, Math.round(cores * CPU_PERIOD_MICROS))).exec();
    }

    @Override
    public void limitMemory(DeployedNode node, long bytes) {
        docker.updateContainerCmd(node.containerId()).withMemory(bytes).withMemorySwap(bytes).exec();
    }

    /**
     * Docker cannot take a memory limit away once set (it reads 0 as "unchanged" and refuses -1):
     * the limit becomes the machine's memory, which no node reaches.
     */
    @Override
    public boolean liftResourceLimits(DeployedNode node) {
        HostConfig host = docker.inspectContainerCmd(node.containerId()).exec().getHostConfig();
        if (!limited(host)) {
            return false;
        }
        long machine = memoryBytes();
        docker.updateContainerCmd(node.containerId()).withCpuQuota(-1L).withMemory(machine).withMemorySwap(machine).exec();
        return true;
    }

    @Override
    public void fillDisk(DeployedStack stack, DeployedNode node) {
        if (node.tier().diskPath().isEmpty()) {
            throw new IllegalStateException(node.name() + " has no disk of its own to fill: only the nodes of "
                    + Arrays.stream(Tier.values()).filter(tier -> tier.diskPath().isPresent()).map(Tier::image).toList()
                    + " have one");
        }
        disks.fill(stack.id(), node.node());
    }

    @Override
    public boolean freeDisk(DeployedStack stack, DeployedNode node) {
        return node.tier().diskPath().isPresent() && disks.free(stack.id(), node.node());
    }

    @Override
    public String exec(DeployedNode node, List<String> environment, Duration timeout, String... command) {
        return exec.run(node.containerId(), environment, timeout, command);
    }

    @Override
    public void copyLogs(DeployedNode node, Instant since, Path file) throws IOException {
        new ContainerLogs(docker).copy(node.containerId(), since, file);
    }

    /** As {@code docker stats} computes it (cgroup v1, then v2). */
    @Override
    public OptionalLong workingSet(DeployedNode node) {
        MemoryStatsConfig memory = statistics(node).getMemoryStats();
        if (memory == null || memory.getUsage() == null) {
            return OptionalLong.empty();
        }
        StatsConfig stats = memory.getStats();
        long inactiveFile = stats == null ? 0 : Objects.requireNonNullElse(
                Objects.requireNonNullElse(stats.getTotalInactiveFile(), stats.getInactiveFile()), 0L);
        return OptionalLong.of(memory.getUsage() - inactiveFile);
    }

    @Override
    public OptionalLong cpuNanos(DeployedNode node) {
        CpuStatsConfig cpu = statistics(node).getCpuStats();
        return cpu == null || cpu.getCpuUsage() == null || cpu.getCpuUsage().getTotalUsage() == null ? OptionalLong.empty()
                : OptionalLong.of(cpu.getCpuUsage().getTotalUsage());
    }

    private Statistics statistics(DeployedNode node) {
        InvocationBuilder.AsyncResultCallback<Statistics> answer = new InvocationBuilder.AsyncResultCallback<>();
        docker.statsCmd(node.containerId()).withNoStream(true).exec(answer);
        return answer.awaitResult();
    }

    @Override
    public Map<String, String> images(DeployedStack stack) {
        Map<String, String> images = new TreeMap<>();
        for (DeployedNode node : stack.nodes()) {
            InspectContainerResponse container = docker.inspectContainerCmd(node.containerId()).exec();
            images.put(container.getConfig().getImage(), container.getImageId());
        }
        return images;
    }

    @Override
    public String version() {
        return docker.versionCmd().exec().getVersion();
    }

    @Override
    public long memoryBytes() {
        return Objects.requireNonNullElse(docker.infoCmd().exec().getMemTotal(), 0L);
    }
}
