package pretix.resilience.workload;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import pretix.resilience.history.History;
import pretix.resilience.result.Arrivals;

/**
 * A write probe's writes: at a constant rate, one at a time on a thread of its own, as a client
 * with one connection writes. Unlike orders, a write due while the one before it still runs is
 * skipped, not recorded: a probe asks whether writes through each node succeed, and a node that
 * holds a write until its timeout shows as that write failing (the recovery-time definition
 * keeps the window open until it ends). Shed probe writes would count against the healthy
 * nodes too, since a slow machine makes single writes take longer than the probe's interval.
 */
final class ProbeLoop implements AutoCloseable {

    /** One write, which records itself in the history; {@code intendedNanos} is when it was due. */
    interface Write {
        void write(long sequence, long intendedNanos);
    }

    private final ExecutorService worker;
    private final OpenLoop loop;

    ProbeLoop(String name, double perSecond, History history, Write write) {
        this.worker = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
        this.loop = new OpenLoop(name, history.clock(), Arrivals.CONSTANT.gaps(perSecond, 0), 1,
                (sequence, intended) -> CompletableFuture.runAsync(() -> write.write(sequence, intended), worker),
                (sequence, intended) -> { });
    }

    /** Stops the writes once the one running has ended. */
    @Override
    public void close() {
        loop.close();
        worker.shutdown();
    }
}
