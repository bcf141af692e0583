package pretix.resilience.shop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;

/** The shop's Redis client against a frozen Redis: a server that accepts connections and never answers. */
class FailoverRedisTest {

    /** As many callers as the shop serves requests at once. */
    private static final int CALLERS = 16;

    @Test
    void noCallWaitsForAFrozenRedisLongerThanItsTimeoutsAllowEvenWhenEveryPooledConnectionHangs() throws Exception {
        List<Socket> held = new ArrayList<>();
        ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
        try (ServerSocket frozen = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
             FailoverRedis redis = new FailoverRedis(List.of(new HostAndPort("127.0.0.1", frozen.getLocalPort())), null)) {
            Thread accepting = new Thread(() -> {
                while (!frozen.isClosed()) {
                    try {
                        held.add(frozen.accept());
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            accepting.setDaemon(true);
            accepting.start();

            List<CompletableFuture<Long>> calls = new ArrayList<>();
            for (int i = 0; i < CALLERS; i++) {
                calls.add(CompletableFuture.supplyAsync(() -> {
                    long started = System.nanoTime();
                    try {
                        redis.call(jedis -> jedis.get("pretix:event"));
                    } catch (RuntimeException refused) {
                        // refused or timed out: what matters is when
                    }
                    return System.nanoTime() - started;
                }, callers));
            }

            // A call tries each endpoint once, and may first wait for a pooled connection as long as for an answer.
            Duration bound = FailoverRedis.TIMEOUT.multipliedBy(3);
            for (CompletableFuture<Long> call : calls) {
                assertThat(Duration.ofNanos(call.join())).isLessThanOrEqualTo(bound.plusMillis(500));
            }
        } finally {
            callers.shutdownNow();
            for (Socket socket : held) {
                socket.close();
            }
        }
    }
}
