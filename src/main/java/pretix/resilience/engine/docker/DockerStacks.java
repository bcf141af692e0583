package pretix.resilience.engine.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerPort;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import pretix.resilience.stack.DeployedNode;
import pretix.resilience.stack.DeployedStack;
import pretix.resilience.stack.HostPort;
import pretix.resilience.stack.Node;
import pretix.resilience.stack.Profile;
import pretix.resilience.stack.StackSecret;
import pretix.resilience.stack.StackSecrets;
import pretix.resilience.stack.Tier;

/**
 * Stacks read back from the labels of their containers, so that a later command
 * ({@code chaos status}) finds a stack another process started; its secrets are read from the
 * files its containers hold, never from a label.
 */
final class DockerStacks {

    private final DockerClient docker;
    /**
     * A stack's secrets never change, and each is read with a {@code docker cp}: a process of its
     * own in the daemon, which cost the stack under test a quarter of a core while the health
     * sampler looked the stack up every second. Stack ids are never reused.
     */
    private final Map<String, StackSecrets> secretsByStack = new ConcurrentHashMap<>();

    private static final Duration SECRET_READ_TIMEOUT = Duration.ofSeconds(10);

    DockerStacks(DockerClient docker) {
        this.docker = docker;
    }

    List<DeployedStack> all() {
        List<Container> containers = docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(List.of(Labels.NODE)).exec().stream()
                .filter(container -> stackOf(container) != null).toList();
        Map<String, List<Container>> byStack = containers.stream().collect(Collectors.groupingBy(DockerStacks::stackOf));
        Set<String> kept = KeepMarker.keptStacks(docker);
        return byStack.entrySet().stream()
                .map(entry -> fromContainers(entry.getKey(), entry.getValue(), kept.contains(entry.getKey())))
                .sorted(Comparator.comparing(DeployedStack::id))
                .toList();
    }

    /** The stack a node container belongs to: the harness's id, else the name a Swarm stack was deployed under. */
    private static String stackOf(Container container) {
        return container.getLabels().getOrDefault(Labels.STACK, container.getLabels().get(Labels.SWARM_STACK));
    }

    /** A stack of the harness by its id, or a Swarm stack someone deployed from our stack file, by its name. */
    DeployedStack one(String id) {
        List<Container> containers = nodeContainers(Labels.STACK, id);
        if (containers.isEmpty()) {
            containers = nodeContainers(Labels.SWARM_STACK, id);
        }
        if (containers.isEmpty()) {
            throw new IllegalStateException("stack " + id + " has no containers any more");
        }
        return fromContainers(id, containers, KeepMarker.keptStacks(docker).contains(id));
    }

    private List<Container> nodeContainers(String label, String value) {
        return docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(label, value)).exec().stream()
                .filter(container -> container.getLabels().containsKey(Labels.NODE)).toList();
    }

    private DeployedStack fromContainers(String id, List<Container> containers, boolean kept) {
        Map<String, String> labels = containers.get(0).getLabels();
        Profile profile = Profile.parse(labels.get(Labels.PROFILE));
        List<DeployedNode> nodes = containers.stream()
                .map(DockerStacks::toNode)
                .collect(Collectors.toMap(DeployedNode::name, node -> node, DockerStacks::current))
                .values().stream()
                .sorted(Comparator.comparing((DeployedNode node) -> node.tier()).thenComparing(node -> node.node().index()))
                .toList();
        StackSecrets secrets = secretsByStack.computeIfAbsent(id,
                // The nodes as they are when a secret is first read: a stack deployed node by node may not have them all yet.
                stack -> StackSecrets.read(secret -> read(docker, secret, one(stack).nodes())));
        return new DeployedStack(id, profile, kept, secrets, nodes);
    }

    /**
     * Of two containers of one node, the running one: a Swarm service keeps the containers of
     * the tasks it replaced.
     */
    private static DeployedNode current(DeployedNode one, DeployedNode other) {
        return !one.running() && other.running() ? other : one;
    }

    /** A secret as the first node of a tier that holds it has it (docker cp works on a stopped container too). */
    private static String read(DockerClient docker, StackSecret secret, List<DeployedNode> nodes) {
        DeployedNode holder = nodes.stream().filter(node -> secret.tiers().contains(node.tier()))
                .min(Comparator.comparing(node -> !node.running()))
                .orElseThrow(() -> new IllegalStateException("no node of the stack holds " + secret.path()));
        try (TarArchiveInputStream archive = new TarArchiveInputStream(
                docker.copyArchiveFromContainerCmd(holder.containerId(), secret.path()).exec())) {
            if (archive.getNextEntry() == null) {
                throw new IllegalStateException(holder.name() + " holds no " + secret.path());
            }
            String copied = new String(archive.readAllBytes(), StandardCharsets.UTF_8);
            // A Swarm secret is a mount, and docker cp reads the empty file under it.
            return copied.isEmpty() && holder.running()
                    ? new ContainerExec(docker).run(holder.containerId(), List.of(), SECRET_READ_TIMEOUT, "cat", secret.path())
                    : copied;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + secret.path() + " from " + holder.name(), e);
        }
    }

    private static DeployedNode toNode(Container container) {
        Tier tier = Tier.ofImage(container.getLabels().get(Labels.TIER));
        String name = container.getLabels().get(Labels.NODE);
        int index = Integer.parseInt(name.substring(tier.nodeName(0).length() - 1));
        Map<Integer, HostPort> ports = Arrays.stream(container.getPorts())
                .filter(port -> port.getPublicPort() != null)
                .collect(Collectors.toMap(ContainerPort::getPrivatePort,
                        port -> new HostPort(hostOf(port), port.getPublicPort()), (a, b) -> a));
        return new DeployedNode(new Node(tier, index), container.getId(), "running".equals(container.getState()), ports);
    }

    private static String hostOf(ContainerPort port) {
        String ip = Objects.requireNonNullElse(port.getIp(), "127.0.0.1");
        return ip.equals("0.0.0.0") ? "localhost" : ip;
    }
}
