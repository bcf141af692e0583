package pretix.resilience.fault;

import com.github.dockerjava.api.DockerClient;
import java.util.Locale;
import java.util.Optional;
import pretix.resilience.stack.DeployedNode;

/** A fault on one node's container, through Docker. */
public record ContainerFault(Action action, Target target) implements Fault {

    /** What happens to the container, and what healing does. */
    public enum Action {
        /** SIGKILL; healed by starting the container again. */
        KILL,
        /** SIGTERM, SIGKILL after 10 s; healed by starting it again. */
        STOP,
        /** Frozen (cgroup freezer): its connections stay open and unanswered; healed by thawing. */
        PAUSE,
        /** Stopped and started at once; nothing to heal. */
        RESTART,
        /** Cut off the stack network; healed by connecting it again under its name. */
        DISCONNECT;

        private static final int STOP_TIMEOUT_SECONDS = 10;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Does this to a node's container on the stack network {@code network}. */
        void inject(DockerClient docker, String network, DeployedNode node) {
            String id = node.containerId();
            switch (this) {
                case KILL -> docker.killContainerCmd(id).exec();
                case STOP -> docker.stopContainerCmd(id).withTimeout(STOP_TIMEOUT_SECONDS).exec();
                case PAUSE -> docker.pauseContainerCmd(id).exec();
                case RESTART -> docker.restartContainerCmd(id).withTimeout(STOP_TIMEOUT_SECONDS).exec();
                case DISCONNECT -> {
                    ContainerRepair.rememberAddress(docker, network, node);
                    docker.disconnectFromNetworkCmd().withNetworkId(network).withContainerId(id).withForce(true).exec();
                }
            }
        }

        /** What undoes it; none for a restart, which is over once done. */
        Optional<ContainerRepair> repair() {
            return switch (this) {
                case KILL, STOP -> Optional.of(ContainerRepair.START);
                case PAUSE -> Optional.of(ContainerRepair.THAW);
                case RESTART -> Optional.empty();
                case DISCONNECT -> Optional.of(ContainerRepair.CONNECT);
            };
        }
    }

    @Override
    public String describe() {
        return action.id() + " " + target;
    }
}
