package pretix.resilience.engine.docker.launch;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import java.util.List;
import java.util.Map;
import org.testcontainers.containers.Network;

/**
 * The one bridge network of a stack, created with the stack's labels. Created through
 * docker-java rather than Testcontainers so that Testcontainers' exit hook never removes
 * the network of a stack that is kept running.
 *
 * <p>Its subnet is declared, not merely assigned: only then may a node cut off the network join
 * it again at its former address, the one Docker publishes its ports to. The subnet is the one
 * Docker's address pool hands out, taken over at once; should another network take it in between,
 * Docker refuses the overlap and the next free one is tried.
 */
final class StackNetwork implements Network {

    private static final int ATTEMPTS = 3;

    private final DockerClient docker;
    private final String id;

    StackNetwork(DockerClient docker, String name, Map<String, String> labels) {
        this.docker = docker;
        this.id = create(docker, name, labels);
    }

    private static String create(DockerClient docker, String name, Map<String, String> labels) {
        for (int attempt = 1; ; attempt++) {
            String probe = docker.createNetworkCmd().withName(name).withDriver("bridge").withLabels(labels).exec()
                    .getId();
            List<com.github.dockerjava.api.model.Network.Ipam.Config> assigned = docker.inspectNetworkCmd()
                    .withNetworkId(probe).exec().getIpam().getConfig();
            docker.removeNetworkCmd(probe).exec();
            try {
                return docker.createNetworkCmd().withName(name).withDriver("bridge").withLabels(labels)
                        .withIpam(new com.github.dockerjava.api.model.Network.Ipam().withConfig(assigned)).exec().getId();
            } catch (DockerException taken) {
                if (attempt == ATTEMPTS) {
                    throw taken;
                }
            }
        }
    }

    @Override
    public String getId() {
        return id;
    }

    @Override
    public void close() {
        docker.removeNetworkCmd(id).exec();
    }
}
