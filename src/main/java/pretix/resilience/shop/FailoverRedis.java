package pretix.resilience.shop;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * Redis through the first of several equivalent endpoints (the HAProxy replicas) that answers.
 * pretix takes one Redis URL, which a real deployment points at a virtual IP over its HAProxies;
 * a stack of containers has no virtual IP, so the client moves on to the next endpoint when a
 * connection fails, and stays there.
 */
final class FailoverRedis implements AutoCloseable {

    private static final int TIMEOUT_MILLIS = 2000;

    private final List<JedisPooled> endpoints;
    private final AtomicInteger current = new AtomicInteger();

    FailoverRedis(List<HostAndPort> addresses) {
        JedisClientConfig config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(TIMEOUT_MILLIS).socketTimeoutMillis(TIMEOUT_MILLIS).build();
        this.endpoints = addresses.stream().map(address -> new JedisPooled(address, config)).toList();
    }

    /** Runs the command on the current endpoint; after a connection failure once more on the next. */
    <T> T call(Function<UnifiedJedis, T> command) {
        int tried = current.get();
        try {
            return command.apply(endpoints.get(tried));
        } catch (JedisConnectionException failure) {
            int next = (tried + 1) % endpoints.size();
            current.compareAndSet(tried, next);
            return command.apply(endpoints.get(current.get()));
        }
    }

    @Override
    public void close() {
        endpoints.forEach(JedisPooled::close);
    }
}
