package pretix.resilience.workload;

import java.net.ConnectException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import pretix.resilience.history.History;
import pretix.resilience.history.OperationKind;
import pretix.resilience.history.Outcome;
import pretix.resilience.stack.DeployedNode;
import pretix.resilience.stack.HostPort;
import pretix.resilience.stack.NodeClients;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Writes {@code chaos:probe:<run>:<n> = n} through the HAProxies, alternating, at a set rate;
 * their host endpoints are asked for every write, since a restarted HAProxy publishes new ones.
 * An error reply (READONLY, NOREPLICAS) had no effect; a connection lost after sending may have.
 */
public final class RedisWriteProbe implements AutoCloseable {

    public static final String TYPE = OperationKind.REDIS_WRITES.type();
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private static final String PROCESS = "redis-probe";

    private final ProbeLoop loop;

    /** @param haproxies the HAProxy nodes as last read from Docker */
    public RedisWriteProbe(NodeClients clients, String run, Supplier<List<DeployedNode>> haproxies, double writesPerSecond,
                           History history) {
        this.loop = new ProbeLoop(PROCESS, writesPerSecond, history, (sequence, intended) -> {
            List<DeployedNode> nodes = haproxies.get();
            if (nodes.isEmpty()) {
                return; // the stack is being removed under a run that was stopped at once
            }
            DeployedNode target = nodes.get((int) (sequence % nodes.size()));
            String key = key(run, sequence);
            String value = String.valueOf(sequence);
            long sent = history.clock().now();
            if (!target.running()) {
                history.complete(PROCESS, TYPE, key, value, intended, sent, Outcome.FAIL, "container not running",
                        target.name());
                return;
            }
            Outcome outcome;
            String error = null;
            try (Jedis jedis = clients.redis(target.servicePort(), TIMEOUT)) {
                outcome = "OK".equals(jedis.set(key, value)) ? Outcome.OK : Outcome.FAIL;
            } catch (JedisDataException e) {
                outcome = Outcome.FAIL;
                error = e.getMessage();
            } catch (JedisConnectionException e) {
                outcome = e.getCause() instanceof ConnectException ? Outcome.FAIL : Outcome.UNKNOWN;
                error = e.getMessage();
            }
            history.complete(PROCESS, TYPE, key, value, intended, sent, outcome, error, target.name());
        });
    }

    static String key(String run, long sequence) {
        return "chaos:probe:" + run + ":" + sequence;
    }

    /** Every probe key of the run and its value, as the given endpoint (the current master, through HAProxy) has them. */
    public static Map<String, String> finalState(NodeClients clients, String run, HostPort endpoint) {
        Map<String, String> values = new HashMap<>();
        try (Jedis jedis = clients.redis(endpoint, TIMEOUT)) {
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
