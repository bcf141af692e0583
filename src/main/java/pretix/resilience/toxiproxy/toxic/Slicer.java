package pretix.resilience.toxiproxy.toxic;

import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Cuts each chunk into slices of {@code average_size} bytes, give or take {@code size_variation},
 * sent {@code delay} microseconds apart.
 */
final class Slicer implements Toxic {
    @Override
    public void pipe(Chunk chunk, ToxicLink link) throws IOException, InterruptedException {
        long average = link.attribute("average_size");
        if (average <= 0 || link.removed()) {
            link.forward(chunk);
            return;
        }
        long variation = Math.min(link.attribute("size_variation"), average - 1);
        int from = 0;
        while (from < chunk.length()) {
            long size = average + (variation > 0 ? ThreadLocalRandom.current().nextLong(-variation, variation + 1) : 0);
            int to = (int) Math.min(chunk.length(), from + size);
            link.forward(chunk.slice(from, to));
            from = to;
            if (from < chunk.length()) {
                link.pauseUntil(System.nanoTime() + TimeUnit.MICROSECONDS.toNanos(link.attribute("delay")));
            }
        }
    }
}
