package pretix.resilience.toxiproxy.proxy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.Selector;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The thread that moves the bytes of every connection without toxics. One thread waiting on
 * all sockets at once costs far fewer context switches than two threads per connection, and
 * with no toxic the proxy must not be what a test measures.
 */
final class SelectorLoop implements Runnable, AutoCloseable {

    private final Selector selector;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();

    SelectorLoop() {
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector", e);
        }
        Thread thread = new Thread(this, "toxiproxy-selector");
        thread.setDaemon(true);
        thread.start();
    }

    Selector selector() {
        return selector;
    }

    /** Runs a task on the selector thread, the only one that may touch registrations. */
    void execute(Runnable task) {
        tasks.add(task);
        selector.wakeup();
    }

    /** Drops cancelled keys now, so that their channels may switch to blocking mode. */
    void flushCancelledKeys() throws IOException {
        selector.selectNow();
    }

    @Override
    public void run() {
        try {
            while (selector.isOpen()) {
                // Ready keys handed over one by one as epoll reports them: no selected-key set to fill and clear.
                selector.select(key -> {
                    if (key.isValid()) {
                        ((FastRelay) key.attachment()).ready(key);
                    }
                });
                Runnable task;
                // One connection's trouble must never end the thread that serves all of them.
                while ((task = tasks.poll()) != null) {
                    try {
                        task.run();
                    } catch (RuntimeException e) {
                        System.err.println("toxiproxy: a connection could not be set up: " + e);
                    }
                }
            }
        } catch (IOException | ClosedSelectorException e) {
            // closed with the server
        }
    }

    @Override
    public void close() {
        try {
            selector.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
