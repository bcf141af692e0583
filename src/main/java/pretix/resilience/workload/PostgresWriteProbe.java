package pretix.resilience.workload;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.Properties;
import pretix.resilience.history.History;
import pretix.resilience.history.Outcome;
import pretix.resilience.stack.HostPort;

/**
 * Inserts {@code (run, n)} rows through the pgpools, alternating, at a set rate, each on a
 * fresh connection to the pgpool's current host endpoint (a restarted pgpool publishes a new one). A failed connection had no effect; an error after connecting may have
 * come after the commit, so it counts as unknown.
 */
public final class PostgresWriteProbe implements AutoCloseable {

    public static final String TYPE = "pg-write";
    private static final String TABLE = "chaos_probe";

    private final PacedLoop loop;

    public PostgresWriteProbe(String run, Supplier<List<HostPort>> pgpools, List<String> names, double writesPerSecond,
                              History history) throws SQLException {
        try (Connection connection = connect(pgpools.get().get(0)); Statement statement = connection.createStatement()) {
            statement.execute("create table if not exists " + TABLE + " (run text not null, n bigint not null,"
                    + " primary key (run, n))");
        }
        this.loop = new PacedLoop("pg-probe", writesPerSecond, 1, sequence -> {
            int replica = (int) (sequence % names.size());
            long invoked = history.clock().now();
            Outcome outcome;
            String error = null;
            Connection connection = null;
            try {
                connection = connect(pgpools.get().get(replica));
            } catch (SQLException e) {
                history.complete(Thread.currentThread().getName(), TYPE, key(sequence), key(sequence), invoked,
                        Outcome.FAIL, e.getMessage(), names.get(replica));
                return;
            }
            try (Connection open = connection;
                 PreparedStatement insert = open.prepareStatement("insert into " + TABLE + " values (?, ?)")) {
                insert.setString(1, run);
                insert.setLong(2, sequence);
                insert.executeUpdate();
                outcome = Outcome.OK;
            } catch (SQLException e) {
                outcome = Outcome.UNKNOWN;
                error = e.getMessage();
            }
            history.complete(Thread.currentThread().getName(), TYPE, key(sequence), key(sequence), invoked, outcome,
                    error, names.get(replica));
        });
    }

    private static String key(long sequence) {
        return String.valueOf(sequence);
    }

    /** The probe rows of a run as one node (the primary) has them, as key = value pairs. */
    public static Map<String, String> finalState(String run, HostPort node) throws SQLException {
        Map<String, String> rows = new HashMap<>();
        try (Connection connection = connect(node);
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

    static Connection connect(HostPort target) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", "postgres");
        properties.setProperty("connectTimeout", "2");
        properties.setProperty("socketTimeout", "5");
        return DriverManager.getConnection("jdbc:postgresql://" + target + "/postgres", properties);
    }

    @Override
    public void close() {
        loop.close();
    }
}
