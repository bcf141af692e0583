package pretix.resilience.run;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.stream.Collectors;
import pretix.resilience.history.History;
import pretix.resilience.history.RoleSample;
import pretix.resilience.result.LoadPhase;
import pretix.resilience.workload.OrderWorkload;

/**
 * A progress line every few seconds while a run loads the stack: elapsed time, phase, the
 * order rate due now, the orders' outcomes so far, and who writes now.
 */
final class ProgressTicker implements AutoCloseable {

    private static final long PERIOD_SECONDS = 3;

    private final History history;
    private final DoubleSupplier ordersPerSecond;
    private final Consumer<String> progress;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "progress");
        thread.setDaemon(true);
        return thread;
    });
    private volatile String phase = "steady state";

    ProgressTicker(History history, DoubleSupplier ordersPerSecond, Consumer<String> progress) {
        this.history = history;
        this.ordersPerSecond = ordersPerSecond;
        this.progress = progress;
        ticker.scheduleAtFixedRate(this::tick, PERIOD_SECONDS, PERIOD_SECONDS, TimeUnit.SECONDS);
    }

    void phase(String phase) {
        this.phase = phase;
    }

    String phase() {
        return phase;
    }

    private void tick() {
        Map<String, Long> outcomes = history.operations(OrderWorkload.TYPE).stream()
                .collect(Collectors.groupingBy(operation -> operation.outcome().id(), Collectors.counting()));
        List<RoleSample> samples = history.samples();
        String roles = samples.isEmpty() ? "roles not sampled yet" : "postgres primary "
                + samples.get(samples.size() - 1).postgresPrimaries() + ", redis master "
                + samples.get(samples.size() - 1).redisWritableMasters();
        progress.accept(String.format(Locale.ROOT, "  [%6.1f s] %-34s %s orders/s: ok %d fail %d unknown %d | %s",
                history.clock().now() / 1e9, phase, LoadPhase.rate(ordersPerSecond.getAsDouble()),
                outcomes.getOrDefault("ok", 0L),
                outcomes.getOrDefault("fail", 0L), outcomes.getOrDefault("unknown", 0L), roles));
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
