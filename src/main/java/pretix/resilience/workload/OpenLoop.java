package pretix.resilience.workload;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongUnaryOperator;
import pretix.resilience.history.RunClock;

/**
 * Arrivals on a schedule, each started when it is due, however slow the system under test is:
 * an open loop, as wrk2 and Gatling's open model send load. Nothing waits for an earlier arrival
 * to end; an arrival due while {@code maxInFlight} are in flight is shed, never delayed, so a
 * stall shows as shed and slow operations, not as fewer operations. The intended start of each
 * arrival is what the schedule says, even when the scheduler itself runs late, so that latency
 * measured from it holds the harness's own lag too.
 */
final class OpenLoop implements AutoCloseable {

    /** Starts one arrival without blocking; the stage completes when the operation has ended and is recorded. */
    interface Arrival {
        CompletionStage<?> start(long sequence, long intendedNanos);
    }

    /** Records an arrival that was not sent because {@code maxInFlight} were in flight. */
    interface Shedding {
        void shed(long sequence, long intendedNanos);
    }

    private static final Duration DRAIN = Duration.ofSeconds(30);

    private final Thread scheduler;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Set<CompletableFuture<?>> inFlight = ConcurrentHashMap.newKeySet();

    /** @param gaps the time from an arrival due at a time to the next, in nanoseconds */
    OpenLoop(String name, RunClock clock, LongUnaryOperator gaps, int maxInFlight, Arrival arrival, Shedding shedding) {
        this.scheduler = new Thread(() -> {
            long due = clock.now();
            for (long sequence = 0; running.get(); sequence++, due += gaps.applyAsLong(due)) {
                try {
                    TimeUnit.NANOSECONDS.sleep(Math.max(0, due - clock.now()));
                } catch (InterruptedException e) {
                    return;
                }
                if (inFlight.size() >= maxInFlight) {
                    shedding.shed(sequence, due);
                } else {
                    CompletableFuture<?> operation = arrival.start(sequence, due).toCompletableFuture();
                    inFlight.add(operation);
                    operation.whenComplete((ended, failure) -> inFlight.remove(operation));
                }
            }
        }, name + "-arrivals");
        scheduler.setDaemon(true);
        scheduler.start();
    }

    /** Stops the arrivals and waits for those in flight to end. */
    @Override
    public void close() {
        running.set(false);
        scheduler.interrupt();
        try {
            scheduler.join(DRAIN.toMillis());
            CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).get(DRAIN.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // An arrival records its own end; one still running after the drain is left to its timeout.
        }
    }
}
