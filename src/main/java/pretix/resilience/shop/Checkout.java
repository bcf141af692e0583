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

/** {@code POST …/orders/}: an order and, under an idempotency key, its stored answer, in one transaction. */
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
            try {
                Response response = idempotencyKey == null ? attempt(transaction, event, body)
                        : idempotent(transaction, token, idempotencyKey, event, body);
                transaction.commit();
                return response;
            } catch (SQLException | RuntimeException e) {
                transaction.rollback();
                throw e;
            }
        }
    }

    private Response idempotent(Connection transaction, String token, String key, Event event, JsonNode body)
            throws SQLException {
        if (!Idempotency.tryLock(transaction, token, key)) {
            return new Response(409, ApiError.detail(409, "A request with this idempotency key is still running.")
                    .body().toString(), RETRY_AFTER_SECONDS);
        }
        Optional<Response> earlier = Idempotency.stored(transaction, token, key);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        Response response = attempt(transaction, event, body);
        // A 409 means "try again": the repeat must run, not replay the refusal.
        if (response.status() != 409) {
            Idempotency.store(transaction, token, key, response);
        }
        return response;
    }

    /** The order, or pretix's refusal with everything the attempt wrote undone. */
    private Response attempt(Connection transaction, Event event, JsonNode body) throws SQLException {
        Savepoint beforeOrder = transaction.setSavepoint();
        try {
            return new Response(201, orders.place(transaction, event, body).toString(), null);
        } catch (ApiError refusal) {
            transaction.rollback(beforeOrder);
            return new Response(refusal.status(), refusal.body().toString(), null);
        }
    }
}
