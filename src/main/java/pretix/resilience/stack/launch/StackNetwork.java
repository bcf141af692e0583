package pretix.resilience.stack.launch;

import com.github.dockerjava.api.DockerClient;
import java.util.Map;
import org.testcontainers.containers.Network;

/**
 * The one bridge network of a stack, created with the stack's labels. Created through
 * docker-java rather than Testcontainers so that Testcontainers' exit hook never removes
 * the network of a stack that is kept running.
 */
final class StackNetwork implements Network {

    private final DockerClient docker;
    private final String id;

    StackNetwork(DockerClient docker, String name, Map<String, String> labels) {
        this.docker = docker;
        this.id = docker.createNetworkCmd().withName(name).withDriver("bridge").withLabels(labels).exec().getId();
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
