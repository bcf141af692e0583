package pretix.resilience.toxiproxy.toxic;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

/** Closes the connection once {@code bytes} bytes have passed, letting exactly that many through. */
final class LimitData implements Toxic {

    private final AtomicLong passed = new AtomicLong();

    @Override
    public void pipe(Chunk chunk, ToxicLink link) throws IOException, InterruptedException {
        long remaining = link.attribute("bytes") - passed.get();
        if (remaining >= chunk.length()) {
            passed.addAndGet(chunk.length());
            link.forward(chunk);
            return;
        }
        if (remaining > 0) {
            passed.addAndGet(remaining);
            link.forward(chunk.slice(0, (int) remaining));
        }
        link.close();
    }
}
