package pretix.resilience.toxiproxy.toxic;

import java.io.IOException;
import java.time.Duration;

/**
 * What a toxic may do to the one connection direction it acts on. Every wait returns early when
 * the toxic is updated or removed, so a held chunk is released the moment its toxic goes.
 */
public interface ToxicLink {

    /** The toxic's current attribute value: updates take effect on open connections. */
    long attribute(String name);

    /** Whether the toxic has been removed while this chunk was in it. */
    boolean removed();

    /** Passes (part of) a chunk on to the next toxic, or out of the proxy. */
    void forward(Chunk chunk) throws IOException, InterruptedException;

    /** Waits until the deadline; returns false when woken earlier by an update or removal. */
    boolean pauseUntil(long deadlineNanos) throws InterruptedException;

    /** Waits until the toxic is updated or removed. */
    void awaitChange() throws InterruptedException;

    /** Closes both sides of the connection. */
    void close();

    /** Closes both sides of the connection with a TCP RST. */
    void reset();

    /** Runs an action once after a delay unless the toxic is removed first. */
    void schedule(Duration delay, Runnable action);
}
