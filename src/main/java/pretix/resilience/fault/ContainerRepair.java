package pretix.resilience.fault;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.ContainerNetwork;
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
    /** Undoes {@code disconnect}: the node joins the stack network again under its name. */
    CONNECT("connected") {
        @Override
        boolean needed(InspectContainerResponse container, String network) {
            return !container.getNetworkSettings().getNetworks().containsKey(network);
        }

        @Override
        void apply(DockerClient docker, String network, DeployedNode node) {
            docker.connectToNetworkCmd().withNetworkId(network).withContainerId(node.containerId())
                    .withContainerNetwork(new ContainerNetwork().withAliases(node.name())).exec();
        }
    };

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
