package pretix.resilience.stack.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.testcontainers.containers.GenericContainer;
import pretix.resilience.stack.HostPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;

/** End to end: Jedis through our server in a container that Testcontainers' ToxiproxyContainer started. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ToxiproxyContainerIT {

    private ToxiproxyWithRedis stack;
    private ToxiproxyClient client;
    private Proxy proxy;

    @BeforeAll
    void start() {
        stack = new ToxiproxyWithRedis();
        client = new ToxiproxyClient(stack.toxiproxy.getHost(), stack.toxiproxy.getControlPort());
    }

    @AfterAll
    void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @BeforeEach
    void createProxy() throws IOException {
        proxy = client.createProxy("redis", "0.0.0.0:" + ToxiproxyWithRedis.PROXY_PORT, "redis:6379");
    }

    @AfterEach
    void deleteProxy() throws IOException {
        proxy.delete();
    }

    @Test
    void redisCommandsPassThroughTheProxy() {
        try (Jedis jedis = jedis()) {
            assertThat(jedis.set("order:1", "paid")).isEqualTo("OK");
            assertThat(jedis.get("order:1")).isEqualTo("paid");
        }
    }

    @Test
    void latencyOnTheLinkSlowsEveryCommandOfAnOpenConnection() throws IOException {
        try (Jedis jedis = jedis()) {
            jedis.ping();
            proxy.toxics().latency("slow", ToxicDirection.DOWNSTREAM, 300);
            long started = System.nanoTime();
            jedis.ping();
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isGreaterThanOrEqualTo(300);
        }
    }

    @Test
    void cuttingTheLinkFailsCommandsAndRestoringItHeals() throws IOException {
        try (Jedis open = jedis()) {
            open.ping();
            proxy.disable();
            assertThatThrownBy(open::ping).isInstanceOf(JedisConnectionException.class);
        }
        assertThatThrownBy(() -> jedis().ping()).isInstanceOf(JedisConnectionException.class);

        proxy.enable();
        try (Jedis jedis = jedis()) {
            assertThat(jedis.ping()).isEqualTo("PONG");
        }
    }

    @Test
    void aTimeoutToxicStallsCommandsUntilTheClientGivesUp() throws IOException {
        proxy.toxics().timeout("stall", ToxicDirection.UPSTREAM, 0);
        // Jedis talks to the server while it connects, so already that stalls
        assertThatThrownBy(() -> stack.secrets.clients().redis(new HostPort(stack.toxiproxy.getHost(),
                stack.toxiproxy.getMappedPort(ToxiproxyWithRedis.PROXY_PORT)), Duration.ofMillis(500)).ping())
                .isInstanceOf(JedisConnectionException.class).hasMessageContaining("Read timed out");
    }

    /**
     * A failed lookup of an upstream name is not remembered: Java keeps one for 10 s by default,
     * so a node that did not exist yet (or was down) stayed unreachable that long after it came.
     */
    @Test
    void anUpstreamThatAppearsAfterAFailedLookupIsReachableAtOnce() throws IOException {
        int port = ToxiproxyWithRedis.PROXY_PORT + 1;
        Proxy late = client.createProxy("late", "0.0.0.0:" + port, "late-redis:6379");
        try {
            assertThatThrownBy(() -> jedis(port).ping()).as("no container of that name yet")
                    .isInstanceOf(JedisConnectionException.class);
            try (GenericContainer<?> redis = stack.lateRedis("late-redis")) {
                redis.start();
                try (Jedis jedis = jedis(port)) {
                    assertThat(jedis.ping()).isEqualTo("PONG");
                }
            }
        } finally {
            late.delete();
        }
    }

    private Jedis jedis() {
        return jedis(ToxiproxyWithRedis.PROXY_PORT);
    }

    private Jedis jedis(int proxyPort) {
        return stack.secrets.clients().redis(new HostPort(stack.toxiproxy.getHost(), stack.toxiproxy.getMappedPort(proxyPort)),
                Duration.ofSeconds(5));
    }
}
