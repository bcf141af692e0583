package pretix.resilience.roles;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import pretix.resilience.stack.DeployedNode;
import pretix.resilience.stack.HostPort;
import pretix.resilience.stack.NodeClients;

/**
 * One connection per PostgreSQL node, kept open between the writer samples. A fresh login for
 * every question (a backend forked each time) did not answer within the 250 ms interval in 5 to
 * 40 % of the samples of a run on 2 cores, and such a sample counted the primary as no writer:
 * a second writer in those samples went unseen. At most one question per node is in flight; a
 * node still busy with the last one (frozen, cut off) is not asked again until it answers or its
 * socket times out. A failed question drops the connection; the next one logs in afresh.
 */
final class StandingPostgresConnections implements AutoCloseable {

    private final NodeClients clients;
    private final Duration timeout;
    private final Map<String, Standing> byNode = new ConcurrentHashMap<>();
    private volatile boolean closed;

    StandingPostgresConnections(NodeClients clients, Duration timeout) {
        this.clients = clients;
        this.timeout = timeout;
    }

    private static final class Standing {
        final AtomicBoolean busy = new AtomicBoolean();
        HostPort target;
        Connection connection;

        void drop() {
            if (connection != null) {
                try {
                    connection.close();
                } catch (SQLException e) {
                    // Closing a broken connection: nothing to keep.
                }
            }
            connection = null;
        }
    }

    /** Whether the node is out of recovery; null when it did not answer or is busy with the last question. */
    Boolean isPrimary(DeployedNode node) {
        Standing standing = byNode.computeIfAbsent(node.name(), name -> new Standing());
        if (!standing.busy.compareAndSet(false, true)) {
            return null;
        }
        try {
            HostPort target = node.servicePort();
            if (standing.connection == null || !target.equals(standing.target)) {
                standing.drop();
                standing.connection = clients.postgres(target, timeout);
                standing.target = target;
            }
            try (Statement statement = standing.connection.createStatement();
                 ResultSet rows = statement.executeQuery("select not pg_is_in_recovery()")) {
                return rows.next() && rows.getBoolean(1);
            }
        } catch (SQLException | RuntimeException e) {
            standing.drop();
            return false;
        } finally {
            if (closed) {
                standing.drop();
            }
            standing.busy.set(false);
        }
    }

    @Override
    public void close() {
        closed = true;
        byNode.values().forEach(standing -> {
            if (standing.busy.compareAndSet(false, true)) {
                standing.drop();
            }
        });
    }
}
