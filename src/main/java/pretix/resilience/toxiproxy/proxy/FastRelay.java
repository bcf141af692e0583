package pretix.resilience.toxiproxy.proxy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.EnumMap;
import java.util.Map;
import pretix.resilience.toxiproxy.toxic.Stream;

/**
 * A connection without toxics on the selector thread: each direction reads into its buffer and
 * writes it on; while the other side cannot take more, reading that direction pauses.
 */
final class FastRelay {

    private final ProxyConnection connection;
    private final Traffic traffic;
    private final Map<Stream, Direction> directions = new EnumMap<>(Stream.class);
    private SelectionKey clientKey;
    private SelectionKey upstreamKey;

    FastRelay(ProxyConnection connection, SocketChannel client, SocketChannel upstream, Traffic traffic) {
        this.connection = connection;
        this.traffic = traffic;
        directions.put(Stream.UPSTREAM, new Direction(Stream.UPSTREAM, client, upstream));
        directions.put(Stream.DOWNSTREAM, new Direction(Stream.DOWNSTREAM, upstream, client));
    }

    void attach(Selector selector) throws IOException {
        SocketChannel client = directions.get(Stream.UPSTREAM).from;
        SocketChannel upstream = directions.get(Stream.DOWNSTREAM).from;
        client.configureBlocking(false);
        upstream.configureBlocking(false);
        clientKey = client.register(selector, SelectionKey.OP_READ, this);
        upstreamKey = upstream.register(selector, SelectionKey.OP_READ, this);
    }

    /** Stops relaying; a relay handed over before it was ever attached has nothing to cancel. */
    void detach() {
        if (clientKey != null) {
            clientKey.cancel();
            upstreamKey.cancel();
        }
    }

    /** Bytes read but not yet written on, which the threads taking over must write first. */
    ByteBuffer pending(Stream stream) {
        Direction direction = directions.get(stream);
        return direction.holding ? direction.buffer : ByteBuffer.allocate(0);
    }

    /** Moves what is ready; a key cancelled meanwhile by a thread closing the connection ends it here too. */
    void ready(SelectionKey key) {
        try {
            boolean fromClient = key == clientKey;
            Direction writingHere = directions.get(fromClient ? Stream.DOWNSTREAM : Stream.UPSTREAM);
            Direction readingHere = directions.get(fromClient ? Stream.UPSTREAM : Stream.DOWNSTREAM);
            if (key.isValid() && key.isWritable()) {
                writingHere.flush();
            }
            if (key.isValid() && key.isReadable()) {
                readingHere.read();
            }
        } catch (IOException | CancelledKeyException e) {
            connection.close();
        }
    }

    private SelectionKey keyOf(SocketChannel channel) {
        return channel == directions.get(Stream.UPSTREAM).from ? clientKey : upstreamKey;
    }

    /** Changes a key's interest only when it differs: every change costs an epoll_ctl call. */
    private static void interest(SelectionKey key, int op, boolean on) {
        if (key.isValid()) {
            int current = key.interestOps();
            int wanted = on ? current | op : current & ~op;
            if (wanted != current) {
                key.interestOps(wanted);
            }
        }
    }

    private final class Direction {
        private final Stream stream;
        private final SocketChannel from;
        private final SocketChannel to;
        private final ByteBuffer buffer = ByteBuffer.allocateDirect(Pump.BUFFER_BYTES);
        private boolean holding;

        private Direction(Stream stream, SocketChannel from, SocketChannel to) {
            this.stream = stream;
            this.from = from;
            this.to = to;
        }

        private void read() throws IOException {
            int read = from.read(buffer);
            if (read < 0) {
                interest(keyOf(from), SelectionKey.OP_READ, false);
                connection.finished(stream);
                return;
            }
            traffic.received(stream, read);
            buffer.flip();
            holding = true;
            flush();
        }

        private void flush() throws IOException {
            traffic.sent(stream, to.write(buffer));
            boolean drained = !buffer.hasRemaining();
            if (drained) {
                buffer.clear();
                holding = false;
            }
            interest(keyOf(to), SelectionKey.OP_WRITE, !drained);
            interest(keyOf(from), SelectionKey.OP_READ, drained);
        }
    }
}
