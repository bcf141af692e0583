package pretix.resilience.fault;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import pretix.resilience.engine.Engine;
import pretix.resilience.stack.DeployedNode;
import pretix.resilience.stack.DeployedStack;
import pretix.resilience.stack.StackSecret;
import pretix.resilience.stack.Topology;
import redis.clients.jedis.Jedis;

/** The password a sentinel logs in to the Redis nodes with ({@code auth-pass}), set wrong and right again. */
final class SentinelAuth {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** Sentinel saves every change to the configuration file its image gives it. */
    private static final String CONFIGURATION = "/var/lib/redis/sentinel.conf";
    static final String WRONG = "not-the-redis-password";

    private final Engine engine;

    SentinelAuth(Engine engine) {
        this.engine = engine;
    }

    void misconfigure(DeployedStack stack, DeployedNode sentinel) {
        set(stack, sentinel, WRONG);
    }

    void restore(DeployedStack stack, DeployedNode sentinel) {
        set(stack, sentinel, stack.secrets().get(StackSecret.REDIS_PASSWORD));
    }

    /** Whether the sentinel holds the wrong password, asked inside its container so that the right one is never sent. */
    boolean misconfigured(DeployedNode sentinel) {
        String line = "sentinel auth-pass " + Topology.REDIS_MASTER_NAME + " " + WRONG;
        return !engine.exec(sentinel, List.of(), TIMEOUT, "sh", "-c",
                "grep -x '" + line + "' " + CONFIGURATION + " || true").isBlank();
    }

    /** A reset drops the sentinel's connections and what it learnt over them: it logs in afresh with the new password. */
    private static void set(DeployedStack stack, DeployedNode sentinel, String password) {
        try (Jedis jedis = stack.clients().sentinel(sentinel.servicePort(), TIMEOUT)) {
            jedis.sentinelSet(Topology.REDIS_MASTER_NAME, Map.of("auth-pass", password));
            jedis.sentinelReset(Topology.REDIS_MASTER_NAME);
        }
    }
}
