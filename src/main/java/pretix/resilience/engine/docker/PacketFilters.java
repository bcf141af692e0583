package pretix.resilience.engine.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.HostConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import pretix.resilience.engine.PacketFilter;
import pretix.resilience.engine.docker.image.StackImages;
import pretix.resilience.stack.DeployedNode;
import pretix.resilience.stack.DeployedStack;

/**
 * Packet filters on a node, set by a short-lived helper container from our {@code nemesis} image
 * that joins the node's network namespace, as Pumba does. The helper that set a filter stays
 * (exited, labelled with the node) until the filter is cleared: it marks the node as filtered
 * for a later process ({@code chaos heal}), and goes with the stack like everything else of it.
 */
final class PacketFilters {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final DockerClient docker;
    private final Path imagesDirectory;
    private final ContainerLogs logs;
    private final UnaryOperator<String> stackNetwork;
    /** The helper's image name, hashed from its build context once: every fault and heal needs it. */
    private String image;

    PacketFilters(DockerClient docker, Path imagesDirectory, UnaryOperator<String> stackNetwork) {
        this.docker = docker;
        this.imagesDirectory = imagesDirectory;
        this.logs = new ContainerLogs(docker);
        this.stackNetwork = stackNetwork;
    }

    void apply(DeployedStack stack, DeployedNode node, PacketFilter filter) {
        List<String> peers = filter instanceof PacketFilter.Drop drop ? drop.peers()
                : filter instanceof PacketFilter.Reject reject ? reject.peers() : List.of();
        List<String> addresses = peers.isEmpty() ? List.of(subnet(stack))
                : peers.stream().map(peer -> address(stack, stack.node(peer))).filter(Objects::nonNull).toList();
        run(stack, node, Iptables.apply(filter, addresses, address(stack, node)), true);
    }

    /** Whether the node had a filter of the harness; it has none afterwards. {@code running} is asked only then. */
    boolean clear(DeployedStack stack, DeployedNode node, BooleanSupplier running) {
        List<Container> markers = docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(Labels.STACK, stack.id(), Labels.PACKET_FILTER, node.name())).exec();
        if (markers.isEmpty()) {
            return false;
        }
        // A node that does not run has no namespace to clear; it starts with a new one.
        if (running.getAsBoolean()) {
            run(stack, node, Iptables.clear(), false);
        }
        markers.forEach(marker -> docker.removeContainerCmd(marker.getId()).withForce(true).exec());
        return true;
    }

    private void run(DeployedStack stack, DeployedNode node, String script, boolean marksNode) {
        Map<String, String> labels = new LinkedHashMap<>(Labels.forStack(stack.id(), stack.profile().id()));
        if (marksNode) {
            labels.put(Labels.PACKET_FILTER, node.name());
        }
        String helper = docker.createContainerCmd(image()).withLabels(labels).withCmd(script)
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode("container:" + node.containerId())
                        .withCapAdd(Capability.NET_ADMIN))
                .exec().getId();
        boolean done = false;
        try {
            docker.startContainerCmd(helper).exec();
            Integer status = docker.waitContainerCmd(helper).exec(new WaitContainerResultCallback())
                    .awaitStatusCode(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (status == null || status != 0) {
                throw new IllegalStateException("changing the packet filter of " + node.name() + " failed (exit "
                        + status + "): " + output(helper));
            }
            done = true;
        } finally {
            if (!done || !marksNode) {
                docker.removeContainerCmd(helper).withForce(true).exec();
            }
        }
    }

    private synchronized String image() {
        if (image == null) {
            StackImages images = new StackImages(docker, imagesDirectory, line -> { });
            image = images.ensureBuilt(List.of(images.source(StackImages.NEMESIS))).get(StackImages.NEMESIS);
        }
        return image;
    }

    private String subnet(DeployedStack stack) {
        return docker.inspectNetworkCmd().withNetworkId(stackNetwork.apply(stack.id())).exec().getIpam().getConfig().get(0)
                .getSubnet();
    }

    /** The node's address on the stack network; null when it is not attached (cut off, or stopped). */
    private String address(DeployedStack stack, DeployedNode node) {
        ContainerNetwork endpoint = docker.inspectContainerCmd(node.containerId()).exec().getNetworkSettings()
                .getNetworks().get(stackNetwork.apply(stack.id()));
        return endpoint == null || endpoint.getIpAddress() == null || endpoint.getIpAddress().isEmpty() ? null
                : endpoint.getIpAddress();
    }

    private String output(String container) {
        try {
            return logs.text(container);
        } catch (IOException e) {
            return "(its output could not be read: " + e.getMessage() + ")";
        }
    }
}
