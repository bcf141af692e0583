package pretix.resilience.shop;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * Runs a request's database work again when a connection broke under it. A pooled connection to
 * a pgpool that died fails the next statement sent over it, and a statement whose connection broke
 * took no effect, unless it was a commit: {@link Checkout} reports a lost commit as
 * {@value #COMPLETION_UNKNOWN}, which is never retried. Before the repeat the pool drops its other
 * connections, since they may lead to the same dead pgpool.
 */
final class ConnectionLossRetry {

    /** PostgreSQL's {@code statement_completion_unknown}. */
    static final String COMPLETION_UNKNOWN = "40003";

    private static final int ATTEMPTS = 3;

    interface Work<T> {
        T run() throws Exception;
    }

    private final HikariDataSource pool;

    ConnectionLossRetry(HikariDataSource pool) {
        this.pool = pool;
    }

    <T> T run(Work<T> work) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return work.run();
            } catch (SQLException e) {
                if (attempt == ATTEMPTS || !isConnectionLoss(e)) {
                    throw e;
                }
                pool.getHikariPoolMXBean().softEvictConnections();
            }
        }
    }

    /** A connection that broke (class 08, or the server shutting down), not one the pool could not hand out in time. */
    static boolean isConnectionLoss(SQLException e) {
        String state = e.getSQLState();
        return !(e instanceof SQLTransientConnectionException) && state != null
                && (state.startsWith("08") || state.startsWith("57P"));
    }
}
