package pretix.resilience.toxiproxy.toxic;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Lets through at most {@code rate} KB/s (1 KB = 1000 bytes), in slices of a tenth of a second.
 * A rate of 0 holds all data until the toxic is updated or removed.
 */
final class Bandwidth implements Toxic {

    private static final long SLICES_PER_SECOND = 10;

    @Override
    public void pipe(Chunk chunk, ToxicLink link) throws IOException, InterruptedException {
        int sent = 0;
        while (sent < chunk.length()) {
            if (link.removed()) {
                link.forward(chunk.slice(sent, chunk.length()));
                return;
            }
            long bytesPerSecond = link.attribute("rate") * 1000;
            if (bytesPerSecond == 0) {
                link.awaitChange();
                continue;
            }
            int slice = (int) Math.min(chunk.length() - sent, Math.max(1, bytesPerSecond / SLICES_PER_SECOND));
            if (link.pauseUntil(System.nanoTime() + slice * TimeUnit.SECONDS.toNanos(1) / bytesPerSecond)) {
                link.forward(chunk.slice(sent, sent + slice));
                sent += slice;
            }
            // woken early by an update or removal: look at the rate again
        }
    }
}
