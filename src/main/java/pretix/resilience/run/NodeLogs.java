package pretix.resilience.run;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.function.Consumer;
import pretix.resilience.engine.Engine;
import pretix.resilience.stack.DeployedNode;

/** Nodes' logs kept in a run's evidence, one file per node; a node that cannot be asked is said and skipped. */
final class NodeLogs {

    private NodeLogs() {}

    /** Every line each node printed since {@code since}, to {@code <directory>/<node>.log}. */
    static void keep(Engine engine, Collection<DeployedNode> nodes, Instant since, Path directory,
                     Consumer<String> progress) {
        for (DeployedNode node : nodes) {
            try {
                engine.copyLogs(node, since, directory.resolve(node.name() + ".log"));
            } catch (IOException | RuntimeException e) {
                progress.accept("  could not keep the log of " + node.name() + ": " + e.getMessage());
            }
        }
    }
}
