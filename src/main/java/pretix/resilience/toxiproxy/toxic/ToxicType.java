package pretix.resilience.toxiproxy.toxic;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** The toxics Toxiproxy 2.12 knows, with their attributes; each connection gets its own instance. */
public enum ToxicType {
    LATENCY("latency", Latency::new, "latency", "jitter"),
    BANDWIDTH("bandwidth", Bandwidth::new, "rate"),
    SLOW_CLOSE("slow_close", SlowClose::new, "delay"),
    TIMEOUT("timeout", Timeout::new, "timeout"),
    RESET_PEER("reset_peer", ResetPeer::new, "timeout"),
    SLICER("slicer", Slicer::new, "average_size", "size_variation", "delay"),
    LIMIT_DATA("limit_data", LimitData::new, "bytes"),
    NOOP("noop", Noop::new);

    private final String id;
    private final Supplier<Toxic> factory;
    private final List<String> attributes;

    ToxicType(String id, Supplier<Toxic> factory, String... attributes) {
        this.id = id;
        this.factory = factory;
        this.attributes = List.of(attributes);
    }

    public static Optional<ToxicType> parse(String id) {
        return Arrays.stream(values()).filter(type -> type.id.equals(id)).findFirst();
    }

    public String id() {
        return id;
    }

    public List<String> attributes() {
        return attributes;
    }

    public Toxic newInstance() {
        return factory.get();
    }
}
