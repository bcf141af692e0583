package pretix.resilience.run;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import pretix.resilience.engine.Engine;
import pretix.resilience.history.History;
import pretix.resilience.history.MemorySample;
import pretix.resilience.stack.DeployedNode;
import pretix.resilience.stack.DeployedStack;

/**
 * Samples the memory of every running node of the stack into a run's history, every
 * {@code interval}, from Docker's container statistics. Docker takes about a second to answer
 * each container, so all of them are asked at once; a node without an answer in time (frozen,
 * just killed) is left out of that sample.
 */
final class MemorySampler implements AutoCloseable {

    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(5);

    private final Engine engine;
    private final Supplier<DeployedStack> stack;
    private final History history;
    private final ExecutorService questions = Executors.newCachedThreadPool(daemon("memory-question"));
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(daemon("memory-sampler"));

    MemorySampler(Engine engine, Supplier<DeployedStack> stack, History history, Duration interval) {
        this.engine = engine;
        this.stack = stack;
        this.history = history;
        loop.scheduleAtFixedRate(() -> {
            try {
                history.memory(sample());
            } catch (RuntimeException e) {
                // Docker busy or the stack going away: the sample is missing, the peaks stand.
            }
        }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private MemorySample sample() {
        long at = history.clock().now();
        List<DeployedNode> nodes = stack.get().nodes().stream().filter(DeployedNode::running).toList();
        Map<DeployedNode, CompletableFuture<Long>> asked = new LinkedHashMap<>();
        for (DeployedNode node : nodes) {
            asked.put(node, CompletableFuture.supplyAsync(() -> workingSet(node), questions)
                    .completeOnTimeout(null, ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .exceptionally(failure -> null));
        }
        Map<String, Map<String, Long>> bytesByTier = new LinkedHashMap<>();
        asked.forEach((node, answer) -> Optional.ofNullable(answer.join()).ifPresent(bytes -> bytesByTier
                .computeIfAbsent(node.tier().image(), tier -> new LinkedHashMap<>()).put(node.name(), bytes)));
        return new MemorySample(at, bytesByTier);
    }

    private Long workingSet(DeployedNode node) {
        OptionalLong bytes = engine.workingSet(node);
        return bytes.isPresent() ? bytes.getAsLong() : null;
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void close() {
        loop.shutdownNow();
        questions.shutdownNow();
    }
}
