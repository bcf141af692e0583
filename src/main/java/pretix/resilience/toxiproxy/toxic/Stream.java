package pretix.resilience.toxiproxy.toxic;

import java.util.Locale;
import java.util.Optional;

/** The direction a toxic acts on: client to upstream, or upstream back to the client. */
public enum Stream {
    UPSTREAM, DOWNSTREAM;

    public static Optional<Stream> parse(String name) {
        for (Stream stream : values()) {
            if (stream.id().equals(name)) {
                return Optional.of(stream);
            }
        }
        return Optional.empty();
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
