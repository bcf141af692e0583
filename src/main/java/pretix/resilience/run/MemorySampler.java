package pretix.resilience.run;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import pretix.resilience.engine.Engine;
import pretix.resilience.history.History;
import pretix.resilience.history.MemorySample;
import pretix.resilience.stack.DeployedStack;

/**
 * Samples the memory of every running node of the stack into a run's history, every
 * {@code interval}, from Docker's container statistics. Docker takes about a second to answer
 * each container, so all of them are asked at once; a node without an answer in time (frozen,
 * just killed) is left out of that sample.
 */
final class MemorySampler implements AutoCloseable {

    private final Engine engine;
    private final Supplier<DeployedStack> stack;
    private final History history;
    private final EveryNode nodes = new EveryNode("memory-question");
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(
            EveryNode.daemon("memory-sampler"));

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
        Map<String, Map<String, Long>> bytesByTier = new LinkedHashMap<>();
        nodes.ask(stack.get(), engine::workingSet).forEach((node, bytes) -> bytesByTier
                .computeIfAbsent(node.tier().image(), tier -> new LinkedHashMap<>()).put(node.name(), bytes));
        return new MemorySample(at, bytesByTier);
    }

    @Override
    public void close() {
        loop.shutdownNow();
        nodes.close();
    }
}
