package pretix.resilience.shop;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import redis.clients.jedis.ConnectionPoolConfig;
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

    /** How long a command waits for an answer, and for a connection. */
    static final Duration TIMEOUT = Duration.ofSeconds(2);
    /** More than the requests a shop serves at once, each of which holds one connection at a time. */
    private static final int POOL_SIZE = 32;

    private final List<JedisPooled> endpoints;
    private final AtomicInteger current = new AtomicInteger();

    /** @param password Redis's requirepass, null for none */
    FailoverRedis(List<HostAndPort> addresses, String password) {
        JedisClientConfig config = DefaultJedisClientConfig.builder().password(password)
                .connectionTimeoutMillis((int) TIMEOUT.toMillis()).socketTimeoutMillis((int) TIMEOUT.toMillis()).build();
        // Never wait without a bound: with Jedis's default pool (8 connections, waiting forever), requests
        // piled up behind connections hung on a frozen master until it thawed.
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(POOL_SIZE);
        pool.setMaxWait(TIMEOUT);
        this.endpoints = addresses.stream().map(address -> new JedisPooled(pool, address, config)).toList();
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
