package pretix.resilience.shop;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * pretix's {@code X-Idempotency-Key}: the first request with a key runs and its answer is kept
 * per token and key; a repeat gets that answer again, and a repeat while the first still runs
 * gets 409 with {@code Retry-After}. Kept in PostgreSQL, so every shop replica sees it.
 */
final class Idempotency {

    /** A stored answer; {@code status} is null while the first request is still running. */
    record Answer(Integer status, String body) {}

    private final DataSource database;

    Idempotency(DataSource database) {
        this.database = database;
    }

    /** Claims the key for this request; empty when it is new, else what is stored under it. */
    Optional<Answer> claim(String token, String key) throws SQLException {
        try (Connection connection = database.getConnection()) {
            try (PreparedStatement insert = connection.prepareStatement(
                    "insert into idempotency (token, key) values (?, ?) on conflict do nothing")) {
                insert.setString(1, token);
                insert.setString(2, key);
                if (insert.executeUpdate() == 1) {
                    return Optional.empty();
                }
            }
            try (PreparedStatement query = connection.prepareStatement(
                    "select status, body from idempotency where token = ? and key = ?")) {
                query.setString(1, token);
                query.setString(2, key);
                try (ResultSet rows = query.executeQuery()) {
                    rows.next();
                    return Optional.of(new Answer((Integer) rows.getObject(1), rows.getString(2)));
                }
            }
        }
    }

    void store(String token, String key, int status, String body) throws SQLException {
        try (Connection connection = database.getConnection()) {
            Sql.update(connection, "update idempotency set status = ?, body = ? where token = ? and key = ?",
                    status, body, token, key);
        }
    }

    /** After a server-side failure the key is free again, so that the client's retry runs. */
    void release(String token, String key) throws SQLException {
        try (Connection connection = database.getConnection()) {
            Sql.update(connection, "delete from idempotency where token = ? and key = ? and status is null", token, key);
        }
    }
}
