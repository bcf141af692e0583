package pretix.resilience.stack.it;

import java.util.List;
import java.util.Map;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.toxiproxy.ToxiproxyContainer;
import org.testcontainers.utility.DockerImageName;
import pretix.resilience.engine.docker.Docker;
import pretix.resilience.engine.docker.Labels;
import pretix.resilience.ProjectHome;
import pretix.resilience.engine.docker.image.StackImages;
import pretix.resilience.engine.docker.launch.SecretFiles;
import pretix.resilience.stack.StackSecrets;
import pretix.resilience.stack.Tier;

/**
 * The harness's toxiproxy image started as a user would, through Testcontainers'
 * ToxiproxyContainer, next to one Redis (our image, as a lone master) on a network of their own.
 */
final class ToxiproxyWithRedis implements AutoCloseable {

    static final int PROXY_PORT = 8666;

    final StackImages images = new StackImages(Docker.client(), ProjectHome.imagesDirectory(), System.out::println);
    final Map<String, String> labels = Labels.forStack("toxiproxy-it", "none");
    final StackSecrets secrets = StackSecrets.random();
    final Network network;
    final GenericContainer<?> redis;
    final ToxiproxyContainer toxiproxy;

    ToxiproxyWithRedis() {
        Map<String, String> names = images.ensureBuilt(List.of(images.source("redis"),
                images.source("toxiproxy")));
        network = Network.builder().createNetworkCmdModifier(cmd -> cmd.withLabels(labels)).build();
        redis = loneRedis(names.get("redis"), "redis");
        toxiproxy = new ToxiproxyContainer(DockerImageName.parse(names.get("toxiproxy"))
                .asCompatibleSubstituteFor("ghcr.io/shopify/toxiproxy"))
                .withNetwork(network).withNetworkAliases("toxiproxy").withLabels(labels);
        redis.start();
        toxiproxy.start();
    }

    /** Another lone Redis on the network, under {@code alias}, not started yet. */
    GenericContainer<?> lateRedis(String alias) {
        return loneRedis(image("redis"), alias);
    }

    private GenericContainer<?> loneRedis(String image, String alias) {
        return SecretFiles.give(new GenericContainer<>(image), Tier.REDIS, secrets)
                .withNetwork(network).withNetworkAliases(alias).withLabels(labels)
                .withEnv(Map.of("NODE_NAME", alias, "INITIAL_MASTER", alias, "MASTER_NAME", "pretix",
                        "SENTINEL_NODES", "none", "ASK_SENTINELS", "no", "MIN_REPLICAS_TO_WRITE", "0"))
                .waitingFor(Wait.forLogMessage(".*Ready to accept connections.*", 1));
    }

    /** One of our other images, built if missing. */
    String image(String name) {
        return images.ensureBuilt(List.of(images.source(name))).get(name);
    }

    @Override
    public void close() {
        toxiproxy.stop();
        redis.stop();
        network.close();
    }
}
