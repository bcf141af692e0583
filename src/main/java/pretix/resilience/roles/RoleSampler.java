package pretix.resilience.roles;

import com.github.dockerjava.api.DockerClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import pretix.resilience.history.History;
import pretix.resilience.history.RoleSample;
import pretix.resilience.stack.DeployedNode;
import pretix.resilience.stack.DeployedStack;
import pretix.resilience.stack.Tier;
import redis.clients.jedis.Jedis;

/**
 * Samples who can write, and how healthy every tier is, as often as the stack answers (at
 * most every {@code interval}), into a run's history; and keeps the stack's current host
 * endpoints for everyone else, since restarted nodes publish new ones.
 */
public final class RoleSampler implements AutoCloseable {

    private static final int WRITE_CHECK_TIMEOUT_MS = 500;

    private final DockerClient docker;
    private final RoleObserver observer;
    private final History history;
    private final Duration interval;
    private final AtomicReference<DeployedStack> stack;
    private final Thread thread;
    private volatile boolean running = true;

    public RoleSampler(DockerClient docker, DeployedStack stack, History history, Duration interval) {
        this.docker = docker;
        this.observer = new RoleObserver(docker);
        this.history = history;
        this.interval = interval;
        this.stack = new AtomicReference<>(stack);
        this.thread = new Thread(this::sampleUntilClosed, "role-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    /** The stack as last read from Docker. */
    public DeployedStack stack() {
        return stack.get();
    }

    private void sampleUntilClosed() {
        while (running) {
            long started = System.nanoTime();
            try {
                DeployedStack now = DeployedStack.find(docker, stack.get().id());
                stack.set(now);
                history.sample(sample(now));
            } catch (RuntimeException e) {
                // Docker busy or the stack going away: the gap shows in the single-writer check.
            }
            long rest = interval.toNanos() - (System.nanoTime() - started);
            if (rest > 0) {
                try {
                    Thread.sleep(rest / 1_000_000, (int) (rest % 1_000_000));
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private RoleSample sample(DeployedStack now) {
        long at = history.clock().now();
        RoleSnapshot snapshot = observer.observe(now, false);
        List<String> writable = new ArrayList<>();
        for (String master : snapshot.redisMasters()) {
            if (acceptsWrite(now.node(master))) {
                writable.add(master);
            }
        }
        List<String> sentinelMasters = snapshot.sentinels().stream().filter(SentinelView::reachable)
                .map(SentinelView::master).filter(Objects::nonNull).distinct().sorted().toList();
        Map<String, Integer> healthy = new LinkedHashMap<>();
        for (Tier tier : Tier.values()) {
            healthy.put(tier.image(), snapshot.healthy(tier));
        }
        return new RoleSample(at, snapshot.postgresPrimaries(), writable, sentinelMasters, healthy);
    }

    /** A master that refuses writes (min-replicas-to-write unmet) is no second writer. */
    private static boolean acceptsWrite(DeployedNode node) {
        try (Jedis jedis = new Jedis(node.servicePort().host(), node.servicePort().port(), WRITE_CHECK_TIMEOUT_MS)) {
            return "OK".equals(jedis.set("chaos:writer-check", node.name()));
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
