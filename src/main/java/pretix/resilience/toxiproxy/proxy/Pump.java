package pretix.resilience.toxiproxy.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import pretix.resilience.toxiproxy.toxic.Chunk;
import pretix.resilience.toxiproxy.toxic.Stream;

/**
 * Moves the bytes of one direction of a connection. With no toxic it copies straight from
 * socket to socket; otherwise each chunk passes the toxics in order. The chain may change
 * at any time, and every wait inside a toxic wakes up when it does.
 */
final class Pump implements Runnable {

    /** Where a toxic hands a chunk on to. */
    interface Stage {
        void deliver(Chunk chunk) throws IOException, InterruptedException;
    }

    static final int BUFFER_BYTES = 32 * 1024;

    private final Stream stream;
    private final ProxyConnection connection;
    private final InputStream in;
    private final OutputStream out;
    private final ByteBuffer pending;
    private final Traffic traffic;
    private final Object changes = new Object();
    private long version;
    private volatile List<ActiveToxic> chain = List.of();

    /** @param pending bytes already read from {@code in} that must go out before anything else */
    Pump(Stream stream, ProxyConnection connection, InputStream in, OutputStream out, ByteBuffer pending,
         Traffic traffic) {
        this.stream = stream;
        this.connection = connection;
        this.in = in;
        this.out = out;
        this.pending = pending;
        this.traffic = traffic;
    }

    Stream stream() {
        return stream;
    }

    ProxyConnection connection() {
        return connection;
    }

    List<ActiveToxic> chain() {
        return chain;
    }

    void chain(List<ActiveToxic> toxics) {
        chain = List.copyOf(toxics);
        signalChange();
    }

    void signalChange() {
        synchronized (changes) {
            version++;
            changes.notifyAll();
        }
    }

    /** Waits until the deadline; false when a change of the chain or of a toxic came first. */
    boolean pauseUntil(long deadlineNanos) throws InterruptedException {
        synchronized (changes) {
            long seen = version;
            while (version == seen) {
                long remaining = deadlineNanos - System.nanoTime();
                if (remaining <= 0) {
                    return true;
                }
                TimeUnit.NANOSECONDS.timedWait(changes, remaining);
            }
            return false;
        }
    }

    @Override
    public void run() {
        byte[] buffer = new byte[BUFFER_BYTES];
        try {
            if (pending.hasRemaining()) {
                byte[] held = new byte[pending.remaining()];
                pending.get(held);
                write(held, held.length);
            }
            int read;
            while ((read = in.read(buffer)) >= 0) {
                traffic.received(stream, read);
                List<ActiveToxic> toxics = chain;
                if (toxics.isEmpty()) {
                    write(buffer, read);
                } else {
                    deliver(new Chunk(Arrays.copyOf(buffer, read), System.nanoTime()), toxics, 0);
                }
            }
            for (ActiveToxic toxic : chain) {
                toxic.beforeClose();
            }
            connection.finished(stream);
        } catch (IOException | InterruptedException e) {
            connection.close();
        }
    }

    private void deliver(Chunk chunk, List<ActiveToxic> toxics, int index) throws IOException, InterruptedException {
        if (index == toxics.size()) {
            write(chunk.data(), chunk.length());
        } else {
            toxics.get(index).pipe(chunk, next -> deliver(next, toxics, index + 1));
        }
    }

    private void write(byte[] data, int length) throws IOException {
        out.write(data, 0, length);
        traffic.sent(stream, length);
    }
}
