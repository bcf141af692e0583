package pretix.resilience.toxiproxy.toxic;

import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/** Delays each chunk by {@code latency} ms from its arrival, give or take up to {@code jitter} ms. */
final class Latency implements Toxic {
    @Override
    public void pipe(Chunk chunk, ToxicLink link) throws IOException, InterruptedException {
        long jitter = link.attribute("jitter");
        long delay = link.attribute("latency") + (jitter > 0 ? ThreadLocalRandom.current().nextLong(-jitter, jitter + 1) : 0);
        long deadline = chunk.arrivalNanos() + TimeUnit.MILLISECONDS.toNanos(Math.max(0, delay));
        while (!link.removed() && !link.pauseUntil(deadline)) {
            // woken by an update: the same deadline still holds unless the toxic went away
        }
        link.forward(chunk);
    }
}
