package pretix.resilience.shop;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.Optional;
import javax.sql.DataSource;
import pretix.resilience.shop.Catalog.Event;
import pretix.resilience.shop.http.ApiError;
import pretix.resilience.shop.http.ShopApi.Response;

/**
 * {@code POST …/orders/}: the order, its answer stored under the idempotency key, and its count
 * in the quotas, in one transaction. The quotas are locked last, so that they stay locked only
 * for their check, their count and the commit: every buyer of an event waits on that lock.
 */
final class Checkout {

    private static final String RETRY_AFTER_SECONDS = "5";

    private final DataSource database;
    private final Orders orders;

    Checkout(DataSource database, Orders orders) {
        this.database = database;
        this.orders = orders;
    }

    Response place(String token, String idempotencyKey, Event event, JsonNode body) throws SQLException {
        try (Connection transaction = database.getConnection()) {
            transaction.setAutoCommit(false);
            Response response;
            try {
                response = idempotencyKey == null ? attempt(transaction, null, null, event, body)
                        : idempotent(transaction, token, idempotencyKey, event, body);
            } catch (SQLException | RuntimeException e) {
                if (!(e instanceof SQLException lost && ConnectionLossRetry.isConnectionLoss(lost))) {
                    transaction.rollback();
                }
                throw e;
            }
            commit(transaction);
            return response;
        }
    }

    private static void commit(Connection transaction) throws SQLException {
        try {
            transaction.commit();
        } catch (SQLException e) {
            if (ConnectionLossRetry.isConnectionLoss(e)) {
                throw new SQLException("The connection broke during the commit: the order may or may not exist.",
                        ConnectionLossRetry.COMPLETION_UNKNOWN, e);
            }
            throw e;
        }
    }

    private Response idempotent(Connection transaction, String token, String key, Event event, JsonNode body)
            throws SQLException {
        if (!Idempotency.tryLock(transaction, token, key)) {
            return new Response(409, ApiError.detail(409, "A request with this idempotency key is still running.")
                    .body().toString(), RETRY_AFTER_SECONDS);
        }
        Optional<Response> earlier = Idempotency.stored(transaction, token, key);
        return earlier.isPresent() ? earlier.get() : attempt(transaction, token, key, event, body);
    }

    /** The order, or pretix's refusal with everything the attempt wrote undone; stored under the key if there is one. */
    private Response attempt(Connection transaction, String token, String key, Event event, JsonNode body)
            throws SQLException {
        Savepoint beforeOrder = transaction.setSavepoint();
        try {
            Orders.Draft draft = orders.write(transaction, event, body);
            Response placed = new Response(201, draft.json().toString(), null);
            if (key != null) {
                Idempotency.store(transaction, token, key, placed);
            }
            orders.reserveQuotas(transaction, draft);
            return placed;
        } catch (ApiError refusal) {
            transaction.rollback(beforeOrder);
            Response refused = new Response(refusal.status(), refusal.body().toString(), null);
            // A 409 means "try again": the repeat must run, not replay the refusal.
            if (key != null && refusal.status() != 409) {
                Idempotency.store(transaction, token, key, refused);
            }
            return refused;
        }
    }
}
