package pretix.resilience.toxiproxy.toxic;

import java.io.IOException;
import java.time.Duration;

/** Resets the connection (TCP RST) after {@code timeout} ms, at once when it is 0. */
final class ResetPeer implements Toxic {
    @Override
    public void pipe(Chunk chunk, ToxicLink link) throws IOException, InterruptedException {
        link.forward(chunk);
    }

    @Override
    public void start(ToxicLink link) {
        link.schedule(Duration.ofMillis(link.attribute("timeout")), link::reset);
    }
}
