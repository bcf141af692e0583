package pretix.resilience.workload;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;

/**
 * Runs a task at a set rate with at most {@code concurrency} in flight: open loop, so a slow
 * system does not slow the schedule down, except that no more than {@code concurrency}
 * operations wait at once (then the next one starts as soon as one ends).
 */
final class PacedLoop implements AutoCloseable {

    private static final Duration DRAIN = Duration.ofSeconds(30);

    private final ExecutorService workers;
    private final Thread scheduler;
    private final AtomicBoolean running = new AtomicBoolean(true);

    /** @param task called with the operation's sequence number, 0, 1, 2, … */
    PacedLoop(String name, double perSecond, int concurrency, LongConsumer task) {
        AtomicInteger threads = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(concurrency, runnable -> {
            Thread thread = new Thread(runnable, name + "-" + threads.getAndIncrement());
            thread.setDaemon(true);
            return thread;
        });
        Semaphore slots = new Semaphore(concurrency);
        long interval = (long) (TimeUnit.SECONDS.toNanos(1) / perSecond);
        this.scheduler = new Thread(() -> {
            long next = System.nanoTime();
            for (long sequence = 0; running.get(); sequence++) {
                try {
                    TimeUnit.NANOSECONDS.sleep(Math.max(0, next - System.nanoTime()));
                    slots.acquire();
                } catch (InterruptedException e) {
                    return;
                }
                long operation = sequence;
                workers.execute(() -> {
                    try {
                        task.accept(operation);
                    } finally {
                        slots.release();
                    }
                });
                next += interval;
            }
        }, name + "-schedule");
        scheduler.setDaemon(true);
        scheduler.start();
    }

    /**
     * Stops issuing operations and waits for those in flight. The scheduler has ended before the
     * workers shut down: one that was past its wait when stopped still hands over its operation.
     */
    @Override
    public void close() {
        running.set(false);
        scheduler.interrupt();
        try {
            scheduler.join(DRAIN.toMillis());
            workers.shutdown();
            if (!workers.awaitTermination(DRAIN.toMillis(), TimeUnit.MILLISECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
