package pretix.resilience.engine.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import pretix.resilience.stack.Node;

/**
 * The disks of a stack's nodes whose tier keeps its data on one ({@link pretix.resilience.stack.Tier#diskPath()}):
 * a tmpfs volume of a fixed size per node, so that a fault can fill it up, which Docker's overlay
 * file system on ext4 cannot (it has no size limit per container). Docker unmounts a tmpfs volume,
 * and loses what it held, when the last container using it stops; a holder container that mounts
 * every disk of the stack and never stops keeps them across the nodes' kills and restarts. It is
 * also where a disk is filled and freed, so that a node that stopped on a full disk is freed too.
 */
public final class NodeDisks {

    /**
     * Far above what the write-ahead log grows to in a run (its {@code max_wal_size} of 1 GB and
     * {@code wal_keep_size} of 512 MB are bounds, not its size): a run never fills it by itself.
     * A filled disk takes this much of the machine's memory while the fault lasts.
     */
    static final long SIZE_BYTES = 2L << 30;
    private static final String FILLER = "filler";
    private static final Duration EXEC_TIMEOUT = Duration.ofSeconds(20);

    private final DockerClient docker;
    private final ContainerExec exec;

    public NodeDisks(DockerClient docker) {
        this.docker = docker;
        this.exec = new ContainerExec(docker);
    }

    /** The volume that is the node's disk. */
    public static String volume(String stackId, Node node) {
        return stackId + "-" + node.name() + "-disk";
    }

    /** Creates each node's disk and starts the holder that keeps them mounted, from the harness's helper image. */
    public void create(String stackId, Map<String, String> stackLabels, List<Node> nodes, String helperImage) {
        for (Node node : nodes) {
            docker.createVolumeCmd().withName(volume(stackId, node)).withLabels(stackLabels).withDriver("local")
                    .withDriverOpts(Map.of("type", "tmpfs", "device", "tmpfs", "o", "size=" + SIZE_BYTES)).exec();
        }
        List<Bind> binds = nodes.stream().map(node -> new Bind(volume(stackId, node), new Volume(mountOf(node)))).toList();
        String holder = docker.createContainerCmd(helperImage).withName(holder(stackId)).withLabels(stackLabels)
                .withCmd("exec sleep infinity")
                .withHostConfig(HostConfig.newHostConfig().withBinds(binds).withNetworkMode("none")
                        .withCapDrop(Capability.ALL).withSecurityOpts(List.of("no-new-privileges")))
                .exec().getId();
        docker.startContainerCmd(holder).exec();
    }

    /** Takes every byte left on the node's disk. */
    void fill(String stackId, Node node) {
        if (full(stackId, node)) {
            throw new IllegalStateException("the disk of " + node.name() + " is full already: heal it first");
        }
        String disk = mountOf(node);
        run(stackId, "fallocate -l \"$(df --output=avail -B1 " + disk + " | tail -n 1)\" " + disk + "/" + FILLER);
    }

    /** Frees what {@link #fill} took; whether the disk was full. */
    boolean free(String stackId, Node node) {
        return run(stackId, "rm -v " + mountOf(node) + "/" + FILLER + " 2>/dev/null || true").contains(FILLER);
    }

    /** False for a stack without disks too (one a harness before them started and kept). */
    boolean full(String stackId, Node node) {
        try {
            return !run(stackId, "ls " + mountOf(node) + "/" + FILLER + " 2>/dev/null || true").isBlank();
        } catch (NotFoundException noHolder) {
            return false;
        }
    }

    private String run(String stackId, String script) {
        return exec.run(holder(stackId), List.of(), EXEC_TIMEOUT, "sh", "-c", script);
    }

    private static String holder(String stackId) {
        return stackId + "-disks";
    }

    /** Where the holder mounts the node's disk. */
    private static String mountOf(Node node) {
        return "/disks/" + node.name();
    }
}
