package pretix.resilience.engine.docker.launch;

import com.github.dockerjava.api.DockerClient;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.lifecycle.Startables;
import pretix.resilience.engine.docker.ContainerLogs;
import pretix.resilience.engine.docker.KeepMarker;
import pretix.resilience.engine.docker.NodeDisks;
import pretix.resilience.engine.docker.Labels;
import pretix.resilience.engine.Swept;
import pretix.resilience.engine.docker.ResourceSweeper;
import pretix.resilience.engine.docker.StartAttempts;
import pretix.resilience.engine.readiness.NodeProbes;
import pretix.resilience.roles.RoleObserver;
import pretix.resilience.stack.Node;
import pretix.resilience.stack.StartOrder;
import pretix.resilience.stack.StackSecrets;
import pretix.resilience.stack.Tier;
import pretix.resilience.stack.Topology;
import pretix.resilience.engine.docker.image.StackImages;

/**
 * Realises a topology: sweeps what crashed runs left behind, builds missing images, then starts
 * every node in parallel along its dependencies and waits until each is really ready.
 */
public final class StackLauncher {

    private static final Duration NODE_STARTUP_TIMEOUT = Duration.ofSeconds(90);

    private final DockerClient docker;
    private final StackImages images;
    private final ResourceSweeper sweeper;
    private final RoleObserver observer;
    private final Consumer<String> progress;

    public StackLauncher(DockerClient docker, Path imagesDirectory, RoleObserver observer, Consumer<String> progress) {
        this.docker = docker;
        this.images = new StackImages(docker, imagesDirectory, progress);
        this.sweeper = new ResourceSweeper(docker);
        this.observer = observer;
        this.progress = progress;
    }

    /**
     * Starts a stack and returns it ready. A kept stack outlives this process (until
     * {@code chaos down}); any other is swept at the next start if this process dies first.
     * On failure, everything started so far is removed.
     */
    public RunningStack launch(Topology topology, boolean keep) {
        Swept orphans = sweeper.sweepOrphans();
        if (orphans.total() > 0) {
            progress.accept("removed what a crashed run left behind: " + orphans);
        }
        // The nemesis helper too: the first packet filter of a run must not wait for a build.
        Map<String, String> imageNames = images.ensureAllBuilt();
        return StartAttempts.run(() -> start(topology, keep, imageNames), progress);
    }

    private RunningStack start(Topology topology, boolean keep, Map<String, String> imageNames) {
        String id = "chaos-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(3));
        StackSecrets secrets = StackSecrets.random();
        Map<String, String> labels = Labels.forStack(id, topology.profile().id());
        StackNetwork network = new StackNetwork(docker, id, labels);
        List<Node> withDisks = topology.allNodes().stream().filter(node -> node.tier().diskPath().isPresent()).toList();
        new NodeDisks(docker).create(id, labels, withDisks, imageNames.get(StackImages.NEMESIS));

        long started = System.nanoTime();
        AtomicBoolean abandoned = new AtomicBoolean();
        Map<Node, NodeContainer> containers = new LinkedHashMap<>();
        NodeProbes probes = new NodeProbes(topology, observer, secrets.clients(), node -> containers.get(node).deployed());
        for (Node node : topology.allNodes()) {
            NodeContainer container = new NodeContainer(imageNames.get(node.tier().image()), node, topology.ports(node),
                    id + "-" + node.name(), network, Labels.forNode(labels, node.tier().image(), node.name()),
                    NodeEnvironment.of(topology, node), NODE_STARTUP_TIMEOUT, abandoned::get,
                    ready -> progress.accept(String.format("  %-10s ready after %4.1f s", ready.node(),
                            (System.nanoTime() - started) / 1e9)));
            if (withDisks.contains(node)) {
                container.withDisk(NodeDisks.volume(id, node));
            }
            containers.put(node, container.withSecrets(secrets).readyWhen(probes.forNode(node)));
        }
        containers.get(topology.toxiproxy())
                .withCopyToContainer(Transferable.of(ToxiproxyConfig.of(topology.links())), ToxiproxyConfig.PATH)
                .withCommand("-host=0.0.0.0", "-port=" + Tier.TOXIPROXY.servicePort(), "-config=" + ToxiproxyConfig.PATH);
        wireDependencies(topology, containers);

        RunningStack stack = new RunningStack(id, topology, keep, secrets, List.copyOf(containers.values()), abandoned,
                sweeper);
        // Ctrl-C or SIGTERM while starting, or at any time for a stack that is not kept: remove it.
        // Testcontainers' own exit hook would leave the network behind.
        Thread removal = new Thread(stack::close, "remove-" + id);
        Runtime.getRuntime().addShutdownHook(removal);
        progress.accept("starting stack " + id + " (" + topology.profile().id() + ", "
                + containers.size() + " nodes)");
        try {
            Startables.deepStart(containers.values()).join();
        } catch (RuntimeException e) {
            boolean closedWhileStarting = abandoned.get();
            if (!closedWhileStarting) {
                Map<String, String> created = new LinkedHashMap<>();
                containers.forEach((node, container) -> {
                    if (container.getContainerId() != null) {
                        created.put(node.name(), container.getContainerId());
                    }
                });
                new ContainerLogs(docker).keepForAStartThatFailed(id, created, progress);
            }
            stack.close();
            if (closedWhileStarting) {
                throw new StartAttempts.Abandoned(e);
            }
            Runtime.getRuntime().removeShutdownHook(removal);
            throw e;
        }
        stack.markReady(Duration.ofNanos(System.nanoTime() - started));
        if (keep) {
            KeepMarker.create(docker, id);
            Runtime.getRuntime().removeShutdownHook(removal);
        }
        return stack;
    }

    /** Each container starts once the ones it waits for are ready ({@link StartOrder}). */
    private static void wireDependencies(Topology topology, Map<Node, NodeContainer> containers) {
        StartOrder.dependencies(topology, containers::get).forEach((container, waitsFor) ->
                container.dependsOn(waitsFor.toArray(NodeContainer[]::new)));
    }
}
