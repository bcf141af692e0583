package pretix.resilience.engine.docker.swarm;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.awaitility.core.ConditionTimeoutException;
import pretix.resilience.engine.Engine;
import pretix.resilience.engine.readiness.NodeProbes;
import pretix.resilience.engine.readiness.Readiness;
import pretix.resilience.engine.readiness.ReadinessProbe;
import pretix.resilience.roles.RoleObserver;
import pretix.resilience.stack.DeployedNode;
import pretix.resilience.stack.Node;
import pretix.resilience.stack.NodeClients;
import pretix.resilience.stack.Topology;

/**
 * Waits until a node of a Swarm stack runs a task that passes the node's readiness probe, the
 * same probe the Docker engine's start waits on. A task that dies meanwhile is Swarm's to replace.
 */
final class TaskReadiness {

    static final Duration NODE_STARTUP_TIMEOUT = Duration.ofSeconds(90);
    private static final int LOG_LINES_ON_FAILURE = 25;

    private final Engine engine;
    private final String stackId;
    private final NodeProbes probes;
    private final BooleanSupplier abandoned;
    private final Consumer<String> progress;

    TaskReadiness(Engine engine, String stackId, Topology topology, NodeClients clients, BooleanSupplier abandoned,
                  Consumer<String> progress) {
        this.engine = engine;
        this.stackId = stackId;
        this.probes = new NodeProbes(topology, new RoleObserver(engine), clients,
                node -> running(node).orElseThrow(() -> new IllegalStateException(node + " has no running task")));
        this.abandoned = abandoned;
        this.progress = progress;
    }

    /** Every node at once: a stack that runs already, which nodes became ready in what order no longer matters. */
    void awaitAll(List<Node> nodes, long startedNanos) {
        ExecutorService waiters = Executors.newFixedThreadPool(nodes.size());
        try {
            CompletableFuture.allOf(nodes.stream().map(node -> CompletableFuture.runAsync(() -> awaitReady(node, startedNanos),
                    waiters)).toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        } finally {
            waiters.shutdownNow();
        }
    }

    void awaitReady(Node node, long startedNanos) {
        ReadinessProbe probe = probes.forNode(node);
        AtomicReference<Readiness> last = new AtomicReference<>(Readiness.of(false, "no task running yet"));
        try {
            await().atMost(NODE_STARTUP_TIMEOUT).pollDelay(Duration.ZERO).pollInterval(probe.interval())
                    .until(() -> {
                        if (abandoned.getAsBoolean()) {
                            throw new IllegalStateException(node + ": its stack was closed while starting");
                        }
                        Optional<DeployedNode> task = running(node);
                        task.ifPresent(running -> last.set(probe.check().apply(running)));
                        return task.isPresent() && last.get().ready();
                    });
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException(node + " was not ready within " + NODE_STARTUP_TIMEOUT.toSeconds()
                    + " s; last seen: " + last.get().state() + "\n" + logTail(node));
        }
        progress.accept(String.format("  %-10s ready after %4.1f s", node, (System.nanoTime() - startedNanos) / 1e9));
    }

    private Optional<DeployedNode> running(Node node) {
        try {
            return engine.stack(stackId).nodes().stream()
                    .filter(deployed -> deployed.node().equals(node) && deployed.running()).findFirst();
        } catch (IllegalStateException noContainerYet) {
            return Optional.empty();
        }
    }

    private String logTail(Node node) {
        try {
            DeployedNode task = engine.stack(stackId).node(node.name());
            Path log = Files.createTempFile(stackId + "-" + node.name(), ".log");
            engine.copyLogs(task, Instant.EPOCH, log);
            List<String> lines = Files.readAllLines(log);
            Files.delete(log);
            return "  last log lines of " + node + ":\n    " + String.join("\n    ",
                    lines.subList(Math.max(0, lines.size() - LOG_LINES_ON_FAILURE), lines.size()));
        } catch (IOException | RuntimeException e) {
            return "  no log of " + node + ": " + e.getMessage();
        }
    }
}
