package pretix.resilience.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import pretix.resilience.client.PretixClient;
import pretix.resilience.result.ClosedLoop;
import pretix.resilience.workload.OrderTarget;

/**
 * Buyers that each place their next order as soon as the last was answered, spread over every
 * nginx: the most orders per second the stack answers. Latency counts from each order's sending
 * (there is no schedule to be late on), so it is the stack's, not the one a user would wait.
 */
final class ClosedLoopBuyers {

    private ClosedLoopBuyers() {}

    static ClosedLoop run(OrderTarget target, int buyers, Duration phase) throws InterruptedException {
        Recorder latency = new Recorder(3);
        AtomicInteger acknowledged = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        long end = System.nanoTime() + phase.toNanos();
        ExecutorService threads = Executors.newFixedThreadPool(buyers);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int buyer = 0; buyer < buyers; buyer++) {
                PretixClient client = target.clients().get(buyer % target.clients().size());
                running.add(threads.submit(() -> {
                    while (System.nanoTime() < end) {
                        long start = System.nanoTime();
                        if (placed(client, target)) {
                            acknowledged.incrementAndGet();
                            latency.recordValue((System.nanoTime() - start) / 1000);
                        } else {
                            failed.incrementAndGet();
                        }
                    }
                }));
            }
            for (Future<?> buyer : running) {
                buyer.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("a buyer failed", e.getCause());
        } finally {
            threads.shutdownNow();
        }
        Histogram measured = latency.getIntervalHistogram();
        return new ClosedLoop(buyers, phase.toNanos() / 1e9, acknowledged.get(), failed.get(),
                measured.getValueAtPercentile(50) / 1000.0, measured.getValueAtPercentile(99) / 1000.0);
    }

    private static boolean placed(PretixClient client, OrderTarget target) {
        try {
            return client.placeOrder(target.event().slug(), target.event().items().subList(0, 1), "bench@example.org",
                    UUID.randomUUID().toString()).status() == 201;
        } catch (Exception e) {
            return false;
        }
    }
}
