package pretix.resilience.engine;

import java.time.Duration;
import pretix.resilience.stack.Topology;

/** What every launched stack knows of itself: its id, its topology and, once ready, how long that took. */
public abstract class AbstractLaunchedStack implements LaunchedStack {

    private final String id;
    private final Topology topology;
    private volatile Duration timeToReady;

    protected AbstractLaunchedStack(String id, Topology topology) {
        this.id = id;
        this.topology = topology;
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final Topology topology() {
        return topology;
    }

    @Override
    public final Duration timeToReady() {
        return timeToReady;
    }

    /** Called once the last node is ready. */
    public final void markReady(Duration elapsed) {
        this.timeToReady = elapsed;
    }
}
