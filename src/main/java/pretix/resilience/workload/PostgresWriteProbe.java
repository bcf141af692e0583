package pretix.resilience.workload;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import pretix.resilience.history.History;
import pretix.resilience.history.OperationKind;
import pretix.resilience.history.Outcome;
import pretix.resilience.stack.DeployedNode;
import pretix.resilience.stack.HostPort;
import pretix.resilience.stack.NodeClients;

/**
 * Inserts {@code (run, n)} rows through the pgpools, alternating, at a set rate, as a pooled
 * client does: over a connection kept per pgpool, opened again after any error and whenever the
 * pgpool's host endpoint changed (a restarted pgpool publishes a new one). A login per write cost
 * the stack more than the write (a scram-sha-256 exchange at the pgpool, and a backend login per
 * PostgreSQL node for a pgpool child without cached connections). A failed connection had no
 * effect; an error after connecting may have come after the commit, so it counts as unknown.
 */
public final class PostgresWriteProbe implements AutoCloseable {

    public static final String TYPE = OperationKind.PG_WRITES.type();
    private static final String TABLE = "chaos_probe";

    private static final Duration TABLE_WAIT = Duration.ofSeconds(30);
    private static final Duration TABLE_RETRY_PAUSE = Duration.ofSeconds(1);

    /** SQLSTATE read_only_sql_transaction. */
    private static final String READ_ONLY = "25006";

    private static final String PROCESS = "pg-probe";

    private final ProbeLoop loop;
    /** Used by the loop's one worker, and emptied by {@link #close()}. */
    private final Map<String, Kept> kept = new ConcurrentHashMap<>();

    private record Kept(HostPort target, Connection connection) {}

    /** @param pgpools the pgpool nodes as last read from Docker; the first creates the probe table */
    public PostgresWriteProbe(NodeClients clients, String run, Supplier<List<DeployedNode>> pgpools, double writesPerSecond,
                              History history) throws SQLException {
        createTable(clients, pgpools.get().get(0));
        this.loop = new ProbeLoop(PROCESS, writesPerSecond, history, (sequence, intended) -> {
            List<DeployedNode> nodes = pgpools.get();
            if (nodes.isEmpty()) {
                return; // the stack is being removed under a run that was stopped at once
            }
            DeployedNode target = nodes.get((int) (sequence % nodes.size()));
            long sent = history.clock().now();
            Outcome outcome;
            String error = null;
            Connection connection;
            try {
                if (!target.running()) {
                    throw new SQLException("container not running");
                }
                connection = connection(clients, target);
            } catch (SQLException e) {
                history.complete(PROCESS, TYPE, key(sequence), key(sequence), intended, sent, Outcome.FAIL, e.getMessage(),
                        target.name());
                return;
            }
            try (PreparedStatement insert = connection.prepareStatement("insert into " + TABLE + " values (?, ?)")) {
                insert.setString(1, run);
                insert.setLong(2, sequence);
                insert.executeUpdate();
                outcome = Outcome.OK;
            } catch (SQLException e) {
                // A standby refuses a write before doing anything; any other error may come after the commit.
                outcome = READ_ONLY.equals(e.getSQLState()) ? Outcome.FAIL : Outcome.UNKNOWN;
                error = e.getMessage();
                drop(target.name());
            }
            history.complete(PROCESS, TYPE, key(sequence), key(sequence), intended, sent, outcome, error, target.name());
        });
    }

    /**
     * Creates the probe table through the first pgpool, trying again for a while: a busy pgpool
     * may drop a new session, and the run must not end for that before its first write.
     */
    private static void createTable(NodeClients clients, DeployedNode pgpool) throws SQLException {
        long deadline = System.nanoTime() + TABLE_WAIT.toNanos();
        while (true) {
            try (Connection connection = connect(clients, pgpool.servicePort());
                 Statement statement = connection.createStatement()) {
                statement.execute("create table if not exists " + TABLE + " (run text not null, n bigint not null,"
                        + " primary key (run, n))");
                return;
            } catch (SQLException e) {
                if (System.nanoTime() > deadline) {
                    throw new SQLException("could not create the probe table through " + pgpool.name() + " within "
                            + TABLE_WAIT.toSeconds() + " s: " + e.getMessage(), e.getSQLState(), e);
                }
                try {
                    Thread.sleep(TABLE_RETRY_PAUSE.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** The pgpool's kept connection, opened anew when there is none or its endpoint changed. */
    private Connection connection(NodeClients clients, DeployedNode pgpool) throws SQLException {
        HostPort target = pgpool.servicePort();
        Kept current = kept.get(pgpool.name());
        if (current != null && current.target().equals(target)) {
            return current.connection();
        }
        drop(pgpool.name());
        Connection connection = connect(clients, target);
        kept.put(pgpool.name(), new Kept(target, connection));
        return connection;
    }

    private void drop(String pgpool) {
        Kept current = kept.remove(pgpool);
        if (current != null) {
            try {
                current.connection().close();
            } catch (SQLException e) {
                // A broken connection: nothing to close.
            }
        }
    }

    private static String key(long sequence) {
        return String.valueOf(sequence);
    }

    /** The probe rows of a run as one node (the primary) has them, as key = value pairs. */
    public static Map<String, String> finalState(NodeClients clients, String run, HostPort node) throws SQLException {
        Map<String, String> rows = new HashMap<>();
        try (Connection connection = connect(clients, node);
             PreparedStatement query = connection.prepareStatement("select n from " + TABLE + " where run = ?")) {
            query.setString(1, run);
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    rows.put(key(result.getLong(1)), key(result.getLong(1)));
                }
            }
        }
        return rows;
    }

    private static Connection connect(NodeClients clients, HostPort target) throws SQLException {
        Properties properties = clients.postgresProperties(Duration.ofSeconds(5));
        properties.setProperty("connectTimeout", "2");
        return clients.postgres(target, properties);
    }

    @Override
    public void close() {
        loop.close();
        List.copyOf(kept.keySet()).forEach(this::drop);
    }
}
