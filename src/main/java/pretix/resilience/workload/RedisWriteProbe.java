package pretix.resilience.workload;

import java.net.ConnectException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import pretix.resilience.history.History;
import pretix.resilience.history.Outcome;
import pretix.resilience.stack.HostPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Writes {@code chaos:probe:<run>:<n> = n} through the HAProxies, alternating, at a set rate;
 * their host endpoints are asked for every write, since a restarted HAProxy publishes new ones.
 * An error reply (READONLY, NOREPLICAS) had no effect; a connection lost after sending may have.
 */
public final class RedisWriteProbe implements AutoCloseable {

    public static final String TYPE = "redis-write";
    private static final int TIMEOUT_MS = 2000;

    private final PacedLoop loop;

    public RedisWriteProbe(String run, Supplier<List<HostPort>> haproxies, List<String> names, double writesPerSecond,
                           History history) {
        this.loop = new PacedLoop("redis-probe", writesPerSecond, 1, sequence -> {
            int replica = (int) (sequence % names.size());
            HostPort target = haproxies.get().get(replica);
            String key = key(run, sequence);
            String value = String.valueOf(sequence);
            long invoked = history.clock().now();
            Outcome outcome;
            String error = null;
            try (Jedis jedis = new Jedis(target.host(), target.port(), TIMEOUT_MS)) {
                outcome = "OK".equals(jedis.set(key, value)) ? Outcome.OK : Outcome.FAIL;
            } catch (JedisDataException e) {
                outcome = Outcome.FAIL;
                error = e.getMessage();
            } catch (JedisConnectionException e) {
                outcome = e.getCause() instanceof ConnectException ? Outcome.FAIL : Outcome.UNKNOWN;
                error = e.getMessage();
            }
            history.complete(Thread.currentThread().getName(), TYPE, key, value, invoked, outcome, error,
                    names.get(replica));
        });
    }

    static String key(String run, long sequence) {
        return "chaos:probe:" + run + ":" + sequence;
    }

    /** Every probe key of the run and its value, as the given endpoint (the current master, through HAProxy) has them. */
    public static Map<String, String> finalState(String run, HostPort endpoint) {
        Map<String, String> values = new HashMap<>();
        try (Jedis jedis = new Jedis(endpoint.host(), endpoint.port(), TIMEOUT_MS)) {
            for (String key : jedis.keys("chaos:probe:" + run + ":*")) {
                values.put(key, jedis.get(key));
            }
        }
        return values;
    }

    @Override
    public void close() {
        loop.close();
    }
}
