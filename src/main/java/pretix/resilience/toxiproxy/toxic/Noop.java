package pretix.resilience.toxiproxy.toxic;

import java.io.IOException;

/** Passes everything on unchanged. */
final class Noop implements Toxic {
    @Override
    public void pipe(Chunk chunk, ToxicLink link) throws IOException, InterruptedException {
        link.forward(chunk);
    }
}
