package pretix.resilience.toxiproxy.proxy;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import pretix.resilience.toxiproxy.toxic.Chunk;
import pretix.resilience.toxiproxy.toxic.Toxic;
import pretix.resilience.toxiproxy.toxic.ToxicLink;
import pretix.resilience.toxiproxy.toxic.ToxicSpec;

/**
 * One toxic acting on one direction of one connection. Its toxicity is rolled when it starts
 * and again on every update, as Toxiproxy does; a connection that lost the roll passes data
 * through untouched.
 */
final class ActiveToxic {

    private final Pump pump;
    private final ScheduledExecutorService timers;
    private final Toxic toxic;
    private volatile ToxicSpec spec;
    private volatile boolean enabled;
    private volatile boolean removed;
    private volatile ScheduledFuture<?> timer;

    ActiveToxic(ToxicSpec spec, Pump pump, ScheduledExecutorService timers) {
        this.spec = spec;
        this.pump = pump;
        this.timers = timers;
        this.toxic = spec.type().newInstance();
    }

    String name() {
        return spec.name();
    }

    ToxicSpec spec() {
        return spec;
    }

    void start() {
        enabled = ThreadLocalRandom.current().nextDouble() < spec.toxicity();
        if (enabled) {
            toxic.start(new Link(null));
        }
    }

    void update(ToxicSpec updated) {
        cancelTimer();
        spec = updated;
        start();
    }

    void remove() {
        removed = true;
        cancelTimer();
    }

    /** Passes a chunk through this toxic, then on with {@code next}. */
    void pipe(Chunk chunk, Pump.Stage next) throws IOException, InterruptedException {
        if (enabled && !removed) {
            toxic.pipe(chunk, new Link(next));
        } else {
            next.deliver(chunk);
        }
    }

    void beforeClose() throws InterruptedException {
        if (enabled && !removed) {
            toxic.beforeClose(new Link(null));
        }
    }

    private void cancelTimer() {
        ScheduledFuture<?> scheduled = timer;
        if (scheduled != null) {
            scheduled.cancel(false);
        }
    }

    /** The toxic's view of its connection while it handles one chunk (or its start, or the close). */
    private final class Link implements ToxicLink {
        private final Pump.Stage next;

        private Link(Pump.Stage next) {
            this.next = next;
        }

        @Override
        public long attribute(String name) {
            return spec.attribute(name);
        }

        @Override
        public boolean removed() {
            return removed;
        }

        @Override
        public void forward(Chunk chunk) throws IOException, InterruptedException {
            next.deliver(chunk);
        }

        @Override
        public boolean pauseUntil(long deadlineNanos) throws InterruptedException {
            return pump.pauseUntil(deadlineNanos);
        }

        @Override
        public void awaitChange() throws InterruptedException {
            pump.pauseUntil(Long.MAX_VALUE);
        }

        @Override
        public void close() {
            pump.connection().close();
        }

        @Override
        public void reset() {
            pump.connection().reset();
        }

        @Override
        public void schedule(Duration delay, Runnable action) {
            timer = timers.schedule(() -> {
                if (!removed) {
                    action.run();
                }
            }, delay.toNanos(), TimeUnit.NANOSECONDS);
        }
    }
}
