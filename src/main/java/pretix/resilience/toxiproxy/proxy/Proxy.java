package pretix.resilience.toxiproxy.proxy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import pretix.resilience.toxiproxy.ToxiproxyError;
import pretix.resilience.toxiproxy.toxic.Stream;
import pretix.resilience.toxiproxy.toxic.ToxicSpec;

/**
 * One proxy: a listener, an upstream, and the toxics of each direction. Changing its toxics
 * changes every open connection at once.
 */
public final class Proxy {

    /**
     * A killed upstream's address stays in the ARP cache for a while, and connecting to it sends
     * SYNs into the void instead of failing. Proxies here lead to containers on the same host,
     * which answer a connect within a millisecond; after a second the client's connection is
     * closed, so that it can try elsewhere instead of hanging until its own timeout.
     */
    private static final int UPSTREAM_CONNECT_TIMEOUT_MS = 1_000;
    private static final long ACCEPTOR_STOP_MILLIS = 2_000;

    private final String name;
    private final Traffic traffic = new Traffic();
    private final ScheduledExecutorService timers;
    private final SelectorLoop selectorLoop;
    private final Map<Stream, List<ToxicSpec>> toxics = new EnumMap<>(Map.of(
            Stream.UPSTREAM, List.of(), Stream.DOWNSTREAM, List.of()));
    private final Set<ProxyConnection> connections = ConcurrentHashMap.newKeySet();
    private Address listen;
    private Address upstream;
    private boolean enabled;
    private ServerSocketChannel listener;
    private Thread acceptor;

    Proxy(String name, Address listen, Address upstream, ScheduledExecutorService timers, SelectorLoop selectorLoop) {
        this.name = name;
        this.listen = listen;
        this.upstream = upstream;
        this.timers = timers;
        this.selectorLoop = selectorLoop;
    }

    public String name() {
        return name;
    }

    public synchronized String listen() {
        return listen.toString();
    }

    public synchronized String upstream() {
        return upstream.toString();
    }

    public synchronized boolean enabled() {
        return enabled;
    }

    public Traffic traffic() {
        return traffic;
    }

    /** Upstream toxics first, then downstream, each in the order they were added. */
    public synchronized List<ToxicSpec> toxics() {
        List<ToxicSpec> all = new ArrayList<>(toxics.get(Stream.UPSTREAM));
        all.addAll(toxics.get(Stream.DOWNSTREAM));
        return all;
    }

    public synchronized ToxicSpec toxic(String toxicName) {
        return toxics().stream().filter(toxic -> toxic.name().equals(toxicName)).findFirst()
                .orElseThrow(ToxiproxyError::toxicNotFound);
    }

    public synchronized ToxicSpec addToxic(ToxicSpec toxic) {
        if (toxics().stream().anyMatch(existing -> existing.name().equals(toxic.name()))) {
            throw ToxiproxyError.toxicAlreadyExists();
        }
        List<ToxicSpec> chain = new ArrayList<>(toxics.get(toxic.stream()));
        chain.add(toxic);
        setChain(toxic.stream(), chain);
        return toxic;
    }

    public synchronized ToxicSpec updateToxic(ToxicSpec updated) {
        toxic(updated.name());
        setChain(updated.stream(), toxics.get(updated.stream()).stream()
                .map(toxic -> toxic.name().equals(updated.name()) ? updated : toxic).toList());
        return updated;
    }

    public synchronized void removeToxic(String toxicName) {
        ToxicSpec removed = toxic(toxicName);
        setChain(removed.stream(), toxics.get(removed.stream()).stream()
                .filter(toxic -> !toxic.name().equals(toxicName)).toList());
    }

    synchronized void removeAllToxics() {
        for (Stream stream : Stream.values()) {
            setChain(stream, List.of());
        }
    }

    /** Applies a partial update: a new listen or upstream address restarts the listener. */
    synchronized void update(Address newListen, Address newUpstream, boolean newEnabled) {
        boolean moved = !newListen.equals(listen) || !newUpstream.equals(upstream);
        if (moved && enabled) {
            stop();
        }
        listen = newListen;
        upstream = newUpstream;
        if (newEnabled) {
            start();
        } else {
            stop();
        }
    }

    /** Opens the listener; port 0 picks a free port, which {@link #listen()} shows from then on. */
    synchronized void start() {
        if (enabled) {
            return;
        }
        try {
            ServerSocketChannel channel = ServerSocketChannel.open();
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.bind(listen.resolve(), 1024);
            listener = channel;
            listen = new Address(listen.host(), channel.socket().getLocalPort());
        } catch (IOException e) {
            throw new ToxiproxyError(500, "listen tcp " + listen + ": " + e.getMessage());
        }
        enabled = true;
        ServerSocketChannel accepting = listener;
        acceptor = new Thread(() -> accept(accepting), "proxy-" + name);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Closes the listener and every open connection. */
    synchronized void stop() {
        if (!enabled) {
            return;
        }
        enabled = false;
        try {
            listener.close();
            // The port is free only once the thread blocked in accept() has let go of the socket:
            // a restart on the same port (a new upstream) would otherwise fail to bind.
            acceptor.join(ACCEPTOR_STOP_MILLIS);
        } catch (IOException e) {
            // closed anyway
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List.copyOf(connections).forEach(ProxyConnection::close);
    }

    private void setChain(Stream stream, List<ToxicSpec> chain) {
        toxics.put(stream, List.copyOf(chain));
        connections.forEach(connection -> connection.toxics(stream, toxics.get(stream)));
    }

    private void accept(ServerSocketChannel channel) {
        while (channel.isOpen()) {
            try {
                SocketChannel client = channel.accept();
                Thread connector = new Thread(() -> connect(client), "proxy-" + name + "-connect");
                connector.setDaemon(true);
                connector.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void connect(SocketChannel client) {
        Address target;
        synchronized (this) {
            target = upstream;
        }
        SocketChannel server = null;
        try {
            server = SocketChannel.open();
            client.setOption(StandardSocketOptions.TCP_NODELAY, true);
            server.setOption(StandardSocketOptions.TCP_NODELAY, true);
            server.socket().connect(new InetSocketAddress(target.host(), target.port()), UPSTREAM_CONNECT_TIMEOUT_MS);
            ProxyConnection connection = new ProxyConnection("proxy-" + name, client, server, traffic, timers,
                    selectorLoop, connections::remove);
            synchronized (this) {
                if (!enabled) {
                    connection.close();
                    return;
                }
                connections.add(connection);
                connection.start(Map.copyOf(toxics));
            }
        } catch (IOException e) {
            closeQuietly(client);
            closeQuietly(server);
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            // closing anyway
        }
    }
}
