package pretix.resilience.engine.docker.launch;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;
import org.testcontainers.containers.ContainerLaunchException;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;
import pretix.resilience.engine.readiness.Readiness;
import pretix.resilience.engine.readiness.ReadinessProbe;

/**
 * Waits until a node passes its readiness probe, which asks the real thing (pg_stat_replication,
 * SHOW pool_backend_stats, SENTINEL replicas, PING through HAProxy), not merely whether a port is open.
 */
final class ReadinessWait extends AbstractWaitStrategy {

    private final ReadinessProbe probe;
    private final NodeContainer container;

    ReadinessWait(NodeContainer container, ReadinessProbe probe) {
        this.container = container;
        this.probe = probe;
    }

    @Override
    protected void waitUntilReady() {
        AtomicReference<Readiness> last = new AtomicReference<>(Readiness.of(false, "not probed yet"));
        try {
            await().atMost(startupTimeout).pollDelay(Duration.ZERO).pollInterval(probe.interval())
                    .until(() -> {
                        if (!container.isRunning()) {
                            throw new ContainerLaunchException(container.node() + " exited during start-up:\n"
                                    + container.logTail());
                        }
                        last.set(probe.check().apply(container.deployed()));
                        return last.get().ready();
                    });
        } catch (ConditionTimeoutException e) {
            throw new ContainerLaunchException(container.node() + " was not ready within " + startupTimeout.toSeconds()
                    + " s; last seen: " + last.get().state() + "\n" + container.logTail());
        }
    }
}
