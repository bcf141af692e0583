package pretix.resilience.toxiproxy.toxic;

import java.time.Duration;

/**
 * Stops all data from getting through and closes the connection after {@code timeout} ms;
 * with a timeout of 0 the connection stays open and silent until the toxic is removed.
 */
final class Timeout implements Toxic {
    @Override
    public void pipe(Chunk chunk, ToxicLink link) {
        // dropped
    }

    @Override
    public void start(ToxicLink link) {
        long timeout = link.attribute("timeout");
        if (timeout > 0) {
            link.schedule(Duration.ofMillis(timeout), link::close);
        }
    }
}
