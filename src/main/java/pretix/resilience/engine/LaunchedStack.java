package pretix.resilience.engine;

import java.time.Duration;
import pretix.resilience.stack.DeployedStack;
import pretix.resilience.stack.Topology;

/** A stack this process started. Closing it removes every node and network of it. */
public interface LaunchedStack extends AutoCloseable {

    String id();

    Topology topology();

    /** From the start of the first node until the last passed its readiness probe. */
    Duration timeToReady();

    DeployedStack deployed();

    /** Safe to call twice, from a shutdown hook, and while the stack is still starting. */
    @Override
    void close();
}
