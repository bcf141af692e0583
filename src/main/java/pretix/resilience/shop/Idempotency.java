package pretix.resilience.shop;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import pretix.resilience.shop.http.ShopApi.Response;

/**
 * pretix's {@code X-Idempotency-Key}: the answer to the first request with a key is kept per
 * token and key, and a repeat gets that answer again. Everything happens inside the order's own
 * transaction: the key is held by a transaction-scoped advisory lock (a concurrent repeat gets
 * 409), and the answer commits together with the order. A shop replica that dies mid-request
 * thus leaves neither an order without its answer nor a key that stays taken.
 */
final class Idempotency {

    private Idempotency() {}

    /** False when another request with the same key is running right now. */
    static boolean tryLock(Connection transaction, String token, String key) throws SQLException {
        try (PreparedStatement lock = transaction.prepareStatement(
                // The two-key form: a keyspace of its own, apart from the quota locks.
                "select pg_try_advisory_xact_lock(hashtext(?), hashtext(?))")) {
            lock.setString(1, token);
            lock.setString(2, key);
            try (ResultSet rows = lock.executeQuery()) {
                rows.next();
                return rows.getBoolean(1);
            }
        }
    }

    static Optional<Response> stored(Connection transaction, String token, String key) throws SQLException {
        try (PreparedStatement query = transaction.prepareStatement(
                "select status, body from idempotency where token = ? and key = ?")) {
            query.setString(1, token);
            query.setString(2, key);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(new Response(rows.getInt(1), rows.getString(2), null)) : Optional.empty();
            }
        }
    }

    static void store(Connection transaction, String token, String key, Response response) throws SQLException {
        Sql.update(transaction, "insert into idempotency (token, key, status, body) values (?, ?, ?, ?)",
                token, key, response.status(), response.body());
    }
}
