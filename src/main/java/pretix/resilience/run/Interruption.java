package pretix.resilience.run;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A request to stop (Ctrl-C, SIGTERM) that a run honours at its next wait: it stops the load
 * and the probes, heals what is in effect (or, for investigation, leaves it), saves what it
 * recorded and returns a result marked aborted. {@link #NONE} is never requested.
 */
public final class Interruption {

    public static final Interruption NONE = new Interruption(false);

    private final CountDownLatch requested = new CountDownLatch(1);
    private final boolean leaveFaults;
    private volatile String signal;

    /** @param leaveFaults leave the faults of an aborted run in effect instead of healing them */
    public Interruption(boolean leaveFaults) {
        this.leaveFaults = leaveFaults;
    }

    public void request(String signal) {
        this.signal = signal;
        requested.countDown();
    }

    public boolean requested() {
        return requested.getCount() == 0;
    }

    /** The signal that asked to stop, such as {@code SIGINT}; null while none did. */
    public String signal() {
        return signal;
    }

    public boolean leaveFaults() {
        return leaveFaults;
    }

    /** Waits for {@code duration}, or throws {@link Stop} as soon as a stop is requested. */
    public void pause(Duration duration) throws InterruptedException {
        pause(duration.toNanos());
    }

    void pause(long nanos) throws InterruptedException {
        if (requested.await(Math.max(0, nanos), TimeUnit.NANOSECONDS)) {
            throw new Stop(signal);
        }
    }

    /** Thrown from a wait once a stop is requested. */
    public static final class Stop extends RuntimeException {

        private final String signal;

        public Stop(String signal) {
            super("stopped by " + signal);
            this.signal = signal;
        }

        public String signal() {
            return signal;
        }
    }
}
