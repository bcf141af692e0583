package pretix.resilience.engine.docker.launch;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.awaitility.core.ConditionTimeoutException;
import org.testcontainers.containers.ContainerLaunchException;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;

/**
 * Waits until a node passes its readiness probe, which asks the real thing (pg_stat_replication,
 * SHOW pool_backend_stats, SENTINEL replicas, PING through HAProxy), not merely whether a port is open.
 */
final class ReadinessWait extends AbstractWaitStrategy {

    private static final Duration POLL = Duration.ofMillis(150);

    private final Function<NodeContainer, Readiness> probe;
    private final NodeContainer container;

    ReadinessWait(NodeContainer container, Function<NodeContainer, Readiness> probe) {
        this.container = container;
        this.probe = probe;
    }

    @Override
    protected void waitUntilReady() {
        AtomicReference<Readiness> last = new AtomicReference<>(Readiness.of(false, "not probed yet"));
        try {
            await().atMost(startupTimeout).pollDelay(Duration.ZERO).pollInterval(POLL)
                    .until(() -> {
                        if (!container.isRunning()) {
                            throw new ContainerLaunchException(container.node() + " exited during start-up:\n"
                                    + container.logTail());
                        }
                        last.set(probe.apply(container));
                        return last.get().ready();
                    });
        } catch (ConditionTimeoutException e) {
            throw new ContainerLaunchException(container.node() + " was not ready within " + startupTimeout.toSeconds()
                    + " s; last seen: " + last.get().state() + "\n" + container.logTail());
        }
    }
}
