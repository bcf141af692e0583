package pretix.resilience.engine.docker.swarm;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import pretix.resilience.engine.docker.Labels;
import pretix.resilience.engine.docker.ResourceSweeper;

/**
 * The daemon's swarm membership. The harness initialises a single-node swarm where there is
 * none, marks the node so, and leaves only a swarm it made, once no service of anyone is left;
 * with it the gateway bridge Docker made for that swarm, which `docker swarm leave` keeps.
 */
final class Swarm {

    /** On the swarm node, when the harness initialised the swarm. */
    static final String CREATED_LABEL = Labels.HARNESS + ".swarm-created";

    /** On the swarm node, when the gateway bridge was made by the harness's `swarm init`. */
    static final String GATEWAY_BRIDGE_CREATED_LABEL = Labels.HARNESS + ".swarm-created-gateway-bridge";

    /** Docker's name for the bridge that links a swarm's containers to the host; it carries no label. */
    static final String GATEWAY_BRIDGE = "docker_gwbridge";

    private final DockerClient docker;

    Swarm(DockerClient docker) {
        this.docker = docker;
    }

    boolean isActive() {
        return ResourceSweeper.swarmActive(docker);
    }

    /** A manager node to deploy to: this daemon's swarm, or a single-node one made now. */
    void ensureActive(Consumer<String> progress) {
        if (isActive()) {
            return;
        }
        long started = System.nanoTime();
        boolean gatewayBridgeBefore = gatewayBridgeExists();
        SwarmCli.docker("swarm", "init", "--advertise-addr", "127.0.0.1");
        List<String> markNode = new ArrayList<>(List.of("node", "update", "--label-add", CREATED_LABEL + "=true"));
        if (!gatewayBridgeBefore) {
            markNode.addAll(List.of("--label-add", GATEWAY_BRIDGE_CREATED_LABEL + "=true"));
        }
        markNode.add(nodeId());
        SwarmCli.docker(markNode.toArray(String[]::new));
        progress.accept(String.format("initialised a single-node swarm in %.1f s (left again by `chaos down`"
                + " or when the last stack of the harness is removed)", (System.nanoTime() - started) / 1e9));
    }

    /** Leaves the swarm when the harness made it and no service runs on it; whether it left. */
    boolean leaveIfOursAndEmpty() {
        if (!isActive() || !docker.listServicesCmd().exec().isEmpty()) {
            return false;
        }
        Map<String, String> labels = docker.listSwarmNodesCmd().withIdFilter(List.of(nodeId())).exec().get(0)
                .getSpec().getLabels();
        if (labels == null || !"true".equals(labels.get(CREATED_LABEL))) {
            return false;
        }
        SwarmCli.docker("swarm", "leave", "--force");
        if ("true".equals(labels.get(GATEWAY_BRIDGE_CREATED_LABEL))) {
            try {
                docker.removeNetworkCmd(GATEWAY_BRIDGE).exec();
            } catch (NotFoundException alreadyGone) {
                // removed by someone else in the meantime: nothing left to do
            }
        }
        return true;
    }

    private String nodeId() {
        return docker.infoCmd().exec().getSwarm().getNodeID();
    }

    private boolean gatewayBridgeExists() {
        return docker.listNetworksCmd().withNameFilter(GATEWAY_BRIDGE).exec().stream()
                .anyMatch(network -> GATEWAY_BRIDGE.equals(network.getName()));
    }
}
