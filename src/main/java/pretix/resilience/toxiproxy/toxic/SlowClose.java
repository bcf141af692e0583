package pretix.resilience.toxiproxy.toxic;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** Delays closing the connection by {@code delay} ms once the other side has closed. */
final class SlowClose implements Toxic {
    @Override
    public void pipe(Chunk chunk, ToxicLink link) throws IOException, InterruptedException {
        link.forward(chunk);
    }

    @Override
    public void beforeClose(ToxicLink link) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(link.attribute("delay"));
        while (!link.removed() && !link.pauseUntil(deadline)) {
            // woken by an update: keep the original deadline
        }
    }
}
