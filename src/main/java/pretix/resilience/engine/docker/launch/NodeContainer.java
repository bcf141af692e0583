package pretix.resilience.engine.docker.launch;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.Volume;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import pretix.resilience.engine.readiness.ReadinessProbe;
import pretix.resilience.stack.DeployedNode;
import pretix.resilience.stack.HostPort;
import pretix.resilience.stack.Node;
import pretix.resilience.stack.StackSecrets;

/**
 * One node of the stack as a Testcontainers container: reachable on the stack network under
 * its node name, ports published on 127.0.0.1 only, started when its readiness probe passes.
 */
final class NodeContainer extends GenericContainer<NodeContainer> {

    private static final int LOG_LINES_ON_FAILURE = 25;

    private final Node node;
    private final List<Integer> ports;
    private final Consumer<NodeContainer> onReady;
    private final Duration readyTimeout;
    private final BooleanSupplier abandoned;

    NodeContainer(String image, Node node, List<Integer> ports, String containerName, Network network,
                  Map<String, String> labels, Map<String, String> environment, Duration startupTimeout,
                  BooleanSupplier abandoned, Consumer<NodeContainer> onReady) {
        super(image);
        this.node = node;
        this.ports = ports;
        this.onReady = onReady;
        this.readyTimeout = startupTimeout;
        this.abandoned = abandoned;
        withNetwork(network);
        withNetworkAliases(node.name());
        withExposedPorts(ports.toArray(Integer[]::new));
        withEnv(environment);
        withLabels(labels);
        withCreateContainerCmdModifier(cmd -> {
            cmd.withName(containerName).withHostName(node.name());
            // Every image runs its software as a user without privileges, which needs no capability.
            cmd.getHostConfig().withCapDrop(Capability.ALL).withSecurityOpts(List.of("no-new-privileges"))
                    .withPortBindings(ports.stream()
                            .map(port -> new PortBinding(Ports.Binding.bindIp("127.0.0.1"), ExposedPort.tcp(port)))
                            .toList());
        });
    }

    NodeContainer withSecrets(StackSecrets secrets) {
        return SecretFiles.give(this, node.tier(), secrets);
    }

    /** The volume mounted where the node's tier keeps its disk. */
    NodeContainer withDisk(String volume) {
        Bind disk = new Bind(volume, new Volume(node.tier().diskPath().orElseThrow()));
        return withCreateContainerCmdModifier(cmd -> {
            Bind[] binds = Objects.requireNonNullElse(cmd.getHostConfig().getBinds(), new Bind[0]);
            cmd.getHostConfig().withBinds(Stream.concat(Arrays.stream(binds), Stream.of(disk)).toList());
        });
    }

    NodeContainer readyWhen(ReadinessProbe probe) {
        return waitingFor(new ReadinessWait(this, probe).withStartupTimeout(readyTimeout));
    }

    Node node() {
        return node;
    }

    DeployedNode deployed() {
        Map<Integer, HostPort> published = ports.stream().collect(Collectors.toMap(
                port -> port, port -> new HostPort(getHost(), getMappedPort(port))));
        return new DeployedNode(node, getContainerId(), true, published);
    }

    String logTail() {
        String[] lines = getLogs().split("\n");
        return "  last log lines of " + node + ":\n    " + String.join("\n    ",
                Arrays.copyOfRange(lines, Math.max(0, lines.length - LOG_LINES_ON_FAILURE), lines.length));
    }

    /** A stack closed while it starts (Ctrl-C) must not gain a container after its last sweep. */
    @Override
    protected void containerIsCreated(String containerId) {
        if (abandoned.getAsBoolean()) {
            getDockerClient().removeContainerCmd(containerId).withForce(true).exec();
            throw new IllegalStateException(node + " not started: its stack was closed while starting");
        }
    }

    @Override
    protected void containerIsStarted(InspectContainerResponse containerInfo) {
        onReady.accept(this);
    }
}
