package pretix.resilience.roles;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import pretix.resilience.stack.DeployedNode;
import pretix.resilience.stack.HostPort;
import pretix.resilience.stack.NodeClients;

/**
 * One connection per PostgreSQL node, kept open between questions. A fresh login for
 * every question (a backend forked each time) did not answer within the 250 ms interval in 5 to
 * 40 % of the writer samples of a run on 2 cores, and such a sample counted the primary as no
 * writer: a second writer in those samples went unseen. Logins cost the stack too: with
 * scram-sha-256 a PostgreSQL backend's start took 20-45 ms of CPU on a 2-core machine, and the
 * health sample asked every node every second. At most one question per node is in flight; a
 * node still busy with the last one (frozen, cut off) is not asked again until it answers or its
 * socket times out. A question that fails at once on a connection kept from before is asked once
 * more on a fresh one (a restarted node ends its sessions, and a fresh login then is what the
 * question would have met), so a kept connection never makes a node look down; one that timed out
 * is not, so that a frozen node costs one timeout, not two.
 */
final class StandingPostgresConnections implements AutoCloseable {

    /** A question asked over one connection. */
    @FunctionalInterface
    interface Question<T> {
        T ask(Connection connection) throws SQLException;
    }

    private final NodeClients clients;
    private final Duration timeout;
    private final Properties properties;
    private final Map<String, Standing> byNode = new ConcurrentHashMap<>();
    private volatile boolean closed;

    StandingPostgresConnections(NodeClients clients, Duration timeout) {
        this.clients = clients;
        this.timeout = timeout;
        this.properties = clients.postgresProperties(timeout);
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
        try {
            return ask(node, connection -> {
                try (Statement statement = connection.createStatement();
                     ResultSet rows = statement.executeQuery("select not pg_is_in_recovery()")) {
                    return rows.next() && rows.getBoolean(1);
                }
            }).orElse(null);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    /** The answer on the node's standing connection; empty while the node's last question waits for its answer. */
    <T> Optional<T> ask(DeployedNode node, Question<T> question) throws SQLException {
        Standing standing = byNode.computeIfAbsent(node.name(), name -> new Standing());
        if (!standing.busy.compareAndSet(false, true)) {
            return Optional.empty();
        }
        try {
            HostPort target = node.servicePort();
            boolean kept = standing.connection != null && target.equals(standing.target);
            long asked = System.nanoTime();
            try {
                return Optional.ofNullable(question.ask(connection(standing, target)));
            } catch (SQLException | RuntimeException e) {
                standing.drop();
                if (!kept || System.nanoTime() - asked > timeout.toNanos() / 2) {
                    throw e;
                }
                return Optional.ofNullable(question.ask(connection(standing, target)));
            }
        } catch (SQLException | RuntimeException e) {
            standing.drop();
            throw e;
        } finally {
            if (closed) {
                standing.drop();
            }
            standing.busy.set(false);
        }
    }

    private Connection connection(Standing standing, HostPort target) throws SQLException {
        if (standing.connection == null || !target.equals(standing.target)) {
            standing.drop();
            standing.connection = clients.postgres(target, properties);
            standing.target = target;
        }
        return standing.connection;
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
