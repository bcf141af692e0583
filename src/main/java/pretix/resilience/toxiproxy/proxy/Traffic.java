package pretix.resilience.toxiproxy.proxy;

import java.util.concurrent.atomic.LongAdder;
import pretix.resilience.toxiproxy.toxic.Stream;

/** Bytes a proxy received and sent, per direction, since it was created. */
public final class Traffic {

    private final LongAdder[] received = {new LongAdder(), new LongAdder()};
    private final LongAdder[] sent = {new LongAdder(), new LongAdder()};

    void received(Stream stream, long bytes) {
        received[stream.ordinal()].add(bytes);
    }

    void sent(Stream stream, long bytes) {
        sent[stream.ordinal()].add(bytes);
    }

    public long received(Stream stream) {
        return received[stream.ordinal()].sum();
    }

    public long sent(Stream stream) {
        return sent[stream.ordinal()].sum();
    }
}
