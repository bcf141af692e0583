package pretix.resilience.toxiproxy.proxy;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import pretix.resilience.toxiproxy.toxic.Stream;
import pretix.resilience.toxiproxy.toxic.ToxicSpec;

/**
 * One client connection through a proxy: the client's socket and the upstream socket. Without
 * toxics its bytes move on the selector thread; the first toxic hands it over, with whatever it
 * holds, to a pump thread per direction, where toxics can delay, hold and cut.
 */
final class ProxyConnection {

    private static final long PUMP_STACK_BYTES = 256 * 1024;

    private final String name;
    private final SocketChannel client;
    private final SocketChannel upstream;
    private final Traffic traffic;
    private final ScheduledExecutorService timers;
    private final SelectorLoop selectorLoop;
    private final Consumer<ProxyConnection> onClose;
    private final FastRelay relay;
    private final Map<Stream, List<ToxicSpec>> specs = new EnumMap<>(Stream.class);
    private final Map<Stream, Pump> pumps = new EnumMap<>(Stream.class);
    private final List<Thread> threads = new ArrayList<>();
    private final Set<Stream> finished = EnumSet.noneOf(Stream.class);
    private final AtomicBoolean closed = new AtomicBoolean();
    private boolean handingOver;

    ProxyConnection(String name, SocketChannel client, SocketChannel upstream, Traffic traffic,
                    ScheduledExecutorService timers, SelectorLoop selectorLoop, Consumer<ProxyConnection> onClose) {
        this.name = name;
        this.client = client;
        this.upstream = upstream;
        this.traffic = traffic;
        this.timers = timers;
        this.selectorLoop = selectorLoop;
        this.onClose = onClose;
        this.relay = new FastRelay(this, client, upstream, traffic);
    }

    synchronized void start(Map<Stream, List<ToxicSpec>> toxics) {
        specs.putAll(toxics);
        if (specs.values().stream().allMatch(List::isEmpty)) {
            selectorLoop.execute(this::attachToSelector);
        } else {
            startPumps();
        }
    }

    /** Brings the toxics of one direction in line with the proxy's: new ones start, gone ones release what they hold. */
    synchronized void toxics(Stream stream, List<ToxicSpec> toxics) {
        specs.put(stream, toxics);
        if (!pumps.isEmpty()) {
            reconcile(pumps.get(stream), toxics);
        } else if (!toxics.isEmpty() && !handingOver) {
            handingOver = true;
            selectorLoop.execute(this::handOverToPumps);
        }
    }

    /** One direction reached the end of its input: pass the end on; when both have, the connection is done. */
    synchronized void finished(Stream stream) {
        if (!finished.add(stream)) {
            return;
        }
        try {
            (stream == Stream.UPSTREAM ? upstream : client).shutdownOutput();
        } catch (IOException e) {
            close();
            return;
        }
        if (finished.size() == Stream.values().length) {
            close();
        }
    }

    void close() {
        if (closed.compareAndSet(false, true)) {
            closeQuietly(client);
            closeQuietly(upstream);
            synchronized (this) {
                pumps.values().forEach(pump -> pump.chain().forEach(ActiveToxic::remove));
                threads.forEach(Thread::interrupt);
            }
            onClose.accept(this);
        }
    }

    /** Closes both sockets so that each peer receives a TCP RST. */
    void reset() {
        try {
            client.setOption(StandardSocketOptions.SO_LINGER, 0);
            upstream.setOption(StandardSocketOptions.SO_LINGER, 0);
        } catch (IOException e) {
            // already closed: nothing left to reset
        }
        close();
    }

    private void attachToSelector() {
        try {
            synchronized (this) {
                if (closed.get() || handingOver) {
                    return;
                }
                relay.attach(selectorLoop.selector());
            }
        } catch (IOException e) {
            close();
        }
    }

    /** On the selector thread: stop relaying, then let pump threads go on from exactly where the relay stopped. */
    private void handOverToPumps() {
        try {
            relay.detach();
            selectorLoop.flushCancelledKeys();
            synchronized (this) {
                if (!closed.get()) {
                    startPumps();
                }
            }
        } catch (IOException e) {
            close();
        }
    }

    private void startPumps() {
        try {
            client.configureBlocking(true);
            upstream.configureBlocking(true);
            pumps.put(Stream.UPSTREAM, new Pump(Stream.UPSTREAM, this, client.socket().getInputStream(),
                    upstream.socket().getOutputStream(), relay.pending(Stream.UPSTREAM), traffic));
            pumps.put(Stream.DOWNSTREAM, new Pump(Stream.DOWNSTREAM, this, upstream.socket().getInputStream(),
                    client.socket().getOutputStream(), relay.pending(Stream.DOWNSTREAM), traffic));
        } catch (IOException e) {
            close();
            return;
        }
        for (Pump pump : pumps.values()) {
            reconcile(pump, specs.getOrDefault(pump.stream(), List.of()));
            if (!finished.contains(pump.stream())) {
                Thread thread = new Thread(null, pump, name + "-" + pump.stream().id(), PUMP_STACK_BYTES);
                thread.setDaemon(true);
                threads.add(thread);
                thread.start();
            }
        }
    }

    private void reconcile(Pump pump, List<ToxicSpec> toxics) {
        List<ActiveToxic> current = pump.chain();
        List<ActiveToxic> next = new ArrayList<>();
        for (ToxicSpec spec : toxics) {
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

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
