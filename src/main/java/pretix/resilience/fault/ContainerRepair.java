package pretix.resilience.fault;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.ContainerNetwork;
import java.time.Duration;
import java.util.List;
import pretix.resilience.docker.ContainerExec;
import pretix.resilience.stack.DeployedNode;

/**
 * What undoes a container fault, and how to see that one is needed on a container whoever
 * injected the fault: the single place both the nemesis and {@code chaos heal} repair from.
 */
public enum ContainerRepair {
    /** Undoes {@code pause}. */
    THAW("thawed") {
        @Override
        boolean needed(InspectContainerResponse container, String network) {
            return Boolean.TRUE.equals(container.getState().getPaused());
        }

        @Override
        void apply(DockerClient docker, String network, DeployedNode node) {
            docker.unpauseContainerCmd(node.containerId()).exec();
        }
    },
    /** Undoes {@code kill} and {@code stop}. */
    START("started") {
        @Override
        boolean needed(InspectContainerResponse container, String network) {
            return !Boolean.TRUE.equals(container.getState().getRunning());
        }

        @Override
        void apply(DockerClient docker, String network, DeployedNode node) {
            docker.startContainerCmd(node.containerId()).exec();
        }
    },
    /**
     * Undoes {@code disconnect}: the node joins the stack network again under its name, and at its
     * former address, which it keeps in a file while cut off. Docker publishes the node's ports
     * to that address; at another, the node would answer its peers but not its host port.
     */
    CONNECT("connected") {
        @Override
        boolean needed(InspectContainerResponse container, String network) {
            return !container.getNetworkSettings().getNetworks().containsKey(network);
        }

        @Override
        void apply(DockerClient docker, String network, DeployedNode node) {
            // A node that does not run cannot be asked; starting it gives it an address.
            boolean runs = Boolean.TRUE.equals(docker.inspectContainerCmd(node.containerId()).exec().getState()
                    .getRunning());
            String address = !runs ? "" : new ContainerExec(docker).run(node.containerId(), List.of(), EXEC_TIMEOUT,
                    "sh", "-c", "cat " + ADDRESS_FILE + " 2>/dev/null || true").trim();
            if (!address.isEmpty()) {
                try {
                    connect(docker, network, node, new ContainerNetwork.Ipam().withIpv4Address(address));
                    return;
                } catch (DockerException taken) {
                    // Another node got the address meanwhile (a restarted one): join at a new one.
                }
            }
            connect(docker, network, node, null);
        }

        private void connect(DockerClient docker, String network, DeployedNode node, ContainerNetwork.Ipam address) {
            docker.connectToNetworkCmd().withNetworkId(network).withContainerId(node.containerId())
                    .withContainerNetwork(new ContainerNetwork().withAliases(node.name()).withIpamConfig(address)).exec();
        }
    };

    private static final String ADDRESS_FILE = "/tmp/.chaos-stack-address";
    private static final Duration EXEC_TIMEOUT = Duration.ofSeconds(5);

    /** Keeps the node's address on the stack network in the node, for {@link #CONNECT} to restore. */
    static void rememberAddress(DockerClient docker, String network, DeployedNode node) {
        ContainerNetwork endpoint = docker.inspectContainerCmd(node.containerId()).exec().getNetworkSettings()
                .getNetworks().get(network);
        if (endpoint != null && endpoint.getIpAddress() != null) {
            new ContainerExec(docker).run(node.containerId(), List.of(), EXEC_TIMEOUT, "sh", "-c",
                    "echo " + endpoint.getIpAddress() + " > " + ADDRESS_FILE);
        }
    }

    private final String done;

    ContainerRepair(String done) {
        this.done = done;
    }

    abstract boolean needed(InspectContainerResponse container, String network);

    abstract void apply(DockerClient docker, String network, DeployedNode node);

    /** For instance "thawed pg0". */
    String describe(DeployedNode node) {
        return done + " " + node.name();
    }
}
