package pretix.resilience.toxiproxy.proxy;

import java.io.IOException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import pretix.resilience.toxiproxy.toxic.Stream;
import pretix.resilience.toxiproxy.toxic.ToxicSpec;

/** One client connection through a proxy: the client's socket, the upstream socket, a pump each way. */
final class ProxyConnection {

    private static final long PUMP_STACK_BYTES = 256 * 1024;

    private final Socket client;
    private final Socket upstream;
    private final Map<Stream, Pump> pumps = new EnumMap<>(Stream.class);
    private final List<Thread> threads = new ArrayList<>();
    private final ScheduledExecutorService timers;
    private final Consumer<ProxyConnection> onClose;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicInteger finished = new AtomicInteger();

    ProxyConnection(Socket client, Socket upstream, Traffic traffic, ScheduledExecutorService timers,
                    Consumer<ProxyConnection> onClose) throws IOException {
        this.client = client;
        this.upstream = upstream;
        this.timers = timers;
        this.onClose = onClose;
        pumps.put(Stream.UPSTREAM, new Pump(Stream.UPSTREAM, this, client.getInputStream(),
                upstream.getOutputStream(), traffic));
        pumps.put(Stream.DOWNSTREAM, new Pump(Stream.DOWNSTREAM, this, upstream.getInputStream(),
                client.getOutputStream(), traffic));
    }

    void start(String name, Map<Stream, List<ToxicSpec>> toxics) {
        toxics.forEach(this::toxics);
        for (Pump pump : pumps.values()) {
            Thread thread = new Thread(null, pump, name + "-" + pump.stream().id(), PUMP_STACK_BYTES);
            thread.setDaemon(true);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
    }

    /** Brings the toxics of one direction in line with the proxy's: new ones start, gone ones release what they hold. */
    synchronized void toxics(Stream stream, List<ToxicSpec> specs) {
        Pump pump = pumps.get(stream);
        List<ActiveToxic> current = pump.chain();
        List<ActiveToxic> next = new ArrayList<>();
        for (ToxicSpec spec : specs) {
            ActiveToxic existing = current.stream().filter(toxic -> toxic.name().equals(spec.name())).findFirst()
                    .orElse(null);
            if (existing == null) {
                ActiveToxic added = new ActiveToxic(spec, pump, timers);
                added.start();
                next.add(added);
            } else {
                if (!existing.spec().equals(spec)) {
                    existing.update(spec);
                }
                next.add(existing);
            }
        }
        current.stream().filter(toxic -> !next.contains(toxic)).forEach(ActiveToxic::remove);
        pump.chain(next);
    }

    /** One direction reached the end of its input: pass the end on; when both have, the connection is done. */
    void finished(Pump pump) {
        try {
            Socket output = pump.stream() == Stream.UPSTREAM ? upstream : client;
            output.shutdownOutput();
        } catch (IOException e) {
            close();
            return;
        }
        if (finished.incrementAndGet() == pumps.size()) {
            close();
        }
    }

    void close() {
        if (closed.compareAndSet(false, true)) {
            closeQuietly(client);
            closeQuietly(upstream);
            pumps.values().forEach(pump -> pump.chain().forEach(ActiveToxic::remove));
            threads.forEach(Thread::interrupt);
            onClose.accept(this);
        }
    }

    /** Closes both sockets so that each peer receives a TCP RST. */
    void reset() {
        try {
            client.setSoLinger(true, 0);
            upstream.setSoLinger(true, 0);
        } catch (IOException e) {
            // already closed: nothing left to reset
        }
        close();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
