package pretix.resilience.engine.docker.swarm;

import com.github.dockerjava.api.DockerClient;
import java.util.function.Consumer;
import pretix.resilience.engine.docker.Labels;
import pretix.resilience.engine.docker.ResourceSweeper;

/**
 * The daemon's swarm membership. The harness initialises a single-node swarm where there is
 * none, marks the node so, and leaves only a swarm it made, once no service of anyone is left.
 */
final class Swarm {

    /** On the swarm node, when the harness initialised the swarm. */
    static final String CREATED_LABEL = Labels.HARNESS + ".swarm-created";

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
        SwarmCli.docker("swarm", "init", "--advertise-addr", "127.0.0.1");
        SwarmCli.docker("node", "update", "--label-add", CREATED_LABEL + "=true", docker.infoCmd().exec().getSwarm().getNodeID());
        progress.accept(String.format("initialised a single-node swarm in %.1f s (left again by `chaos down`"
                + " or when the last stack of the harness is removed)", (System.nanoTime() - started) / 1e9));
    }

    /** Leaves the swarm when the harness made it and no service runs on it; whether it left. */
    boolean leaveIfOursAndEmpty() {
        if (!isActive() || !docker.listServicesCmd().exec().isEmpty()) {
            return false;
        }
        String created = SwarmCli.docker("node", "inspect", "self", "--format",
                "{{index .Spec.Labels \"" + CREATED_LABEL + "\"}}").strip();
        if (!"true".equals(created)) {
            return false;
        }
        SwarmCli.docker("swarm", "leave", "--force");
        return true;
    }
}
