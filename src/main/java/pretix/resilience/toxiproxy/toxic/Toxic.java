package pretix.resilience.toxiproxy.toxic;

import java.io.IOException;

/** One kind of network trouble, applied to the chunks of one connection direction. */
public interface Toxic {

    /** Passes a chunk on with {@link ToxicLink#forward}: later, in parts, partly, or not at all. */
    void pipe(Chunk chunk, ToxicLink link) throws IOException, InterruptedException;

    /** When the toxic starts acting on a connection; for toxics that act on time rather than on data. */
    default void start(ToxicLink link) {}

    /** When the direction's input has ended, before the output is closed. */
    default void beforeClose(ToxicLink link) throws InterruptedException {}
}
