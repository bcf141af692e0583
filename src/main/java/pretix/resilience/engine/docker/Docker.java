package pretix.resilience.engine.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.time.Duration;

/**
 * The Docker daemon as docker-java sees it (DOCKER_HOST, or the local socket). Independent of
 * Testcontainers, so that {@code chaos doctor} can probe and repair the daemon before
 * Testcontainers is ever initialised.
 */
public final class Docker {

    private static volatile DockerClient client;

    private Docker() {}

    public static DockerClient client() {
        if (client == null) {
            synchronized (Docker.class) {
                if (client == null) {
                    DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().build();
                    client = DockerClientImpl.getInstance(config, new ZerodepDockerHttpClient.Builder()
                            .dockerHost(config.getDockerHost())
                            .connectionTimeout(Duration.ofSeconds(5))
                            .responseTimeout(Duration.ofMinutes(10))
                            .build());
                }
            }
        }
        return client;
    }

    /** Whether the daemon answers a ping. */
    public static boolean isReachable() {
        try {
            client().pingCmd().exec();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    public static String host() {
        return DefaultDockerClientConfig.createDefaultConfigBuilder().build().getDockerHost().toString();
    }
}
