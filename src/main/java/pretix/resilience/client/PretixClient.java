package pretix.resilience.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The pretix REST API as a buyer's or an admin's script speaks it: {@code Authorization: Token},
 * JSON bodies, one organizer. Works against the stack's shop and against a real pretix.
 */
public final class PretixClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final String organizerUrl;
    private final String token;
    private final Duration timeout;

    public PretixClient(String baseUrl, String organizer, String token, Duration timeout) {
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
        this.organizerUrl = baseUrl.replaceAll("/+$", "") + "/api/v1/organizers/" + organizer + "/";
        this.token = token;
        this.timeout = timeout;
    }

    /**
     * An HTTP answer: its status, its body, and the wait its {@code Retry-After} asks for, if it
     * sends one (the shop does with a 409 for an idempotency key whose first request is still running).
     */
    public record Answer(int status, String body, Optional<Duration> retryAfter) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        /**
         * "HTTP 500: Internal server error: JedisConnectionException: Read timed out": the status and,
         * where the shop sent one, its {@code detail}, so that a failed order in a history says why.
         * An nginx error page has none.
         */
        public String failure() {
            String detail = "";
            try {
                detail = JSON.readTree(body).path("detail").asText("");
            } catch (IOException notJson) {
                // nginx's own HTML error page: the status says it all
            }
            return "HTTP " + status + (detail.isEmpty() ? "" : ": " + detail);
        }

        /** The JSON body of a 2xx answer; anything else is an error with the status and the body. */
        public JsonNode expectSuccess(String what) {
            if (status / 100 != 2) {
                throw new IllegalStateException(what + " failed: HTTP " + status + " " + body);
            }
            return json();
        }
    }

    public Answer createEvent(String slug, String name) throws IOException {
        ObjectNode body = JSON.createObjectNode().put("slug", slug);
        body.putObject("name").put("en", name);
        return send("POST", "events/", body, null);
    }

    public Answer createItem(String event, String name, BigDecimal price) throws IOException {
        ObjectNode body = JSON.createObjectNode().put("default_price", price.toPlainString());
        body.putObject("name").put("en", name);
        return send("POST", "events/" + event + "/items/", body, null);
    }

    public Answer createQuota(String event, String name, int size, List<Integer> items) throws IOException {
        ObjectNode body = JSON.createObjectNode().put("name", name).put("size", size);
        items.forEach(body.putArray("items")::add);
        body.putArray("variations");
        body.putNull("subevent");
        return send("POST", "events/" + event + "/quotas/", body, null);
    }

    private Answer send(String method, String path, JsonNode body, String idempotencyKey) throws IOException {
        return request(method, path, body.toString(), idempotencyKey);
    }

    /** A paid order of one position per item, under an idempotency key when one is given. */
    public Answer placeOrder(String event, List<Integer> items, String email, String idempotencyKey)
            throws IOException {
        return send("POST", ordersPath(event), order(items, email), idempotencyKey);
    }

    /**
     * {@link #placeOrder} without a thread waiting for the answer, so that thousands can be in
     * flight; fails with the {@link IOException} the blocking call would throw.
     */
    public CompletableFuture<Answer> placeOrderAsync(String event, List<Integer> items, String email,
                                                     String idempotencyKey) {
        return http.sendAsync(build("POST", ordersPath(event), order(items, email).toString(), idempotencyKey),
                HttpResponse.BodyHandlers.ofString()).thenApply(PretixClient::answer);
    }

    private static String ordersPath(String event) {
        return "events/" + event + "/orders/";
    }

    private static ObjectNode order(List<Integer> items, String email) {
        ObjectNode body = JSON.createObjectNode().put("email", email).put("locale", "en").put("sales_channel", "web")
                .put("status", "p").put("payment_provider", "manual");
        items.forEach(item -> body.withArray("positions").addObject().put("item", item).putNull("variation"));
        return body;
    }

    public Answer get(String path) throws IOException {
        return request("GET", path, null, null);
    }

    /** Retry-After in its delay-seconds form; an HTTP date is not what the shop sends, and is ignored. */
    private static Optional<Duration> seconds(String retryAfter) {
        return retryAfter.matches("\\d{1,6}") ? Optional.of(Duration.ofSeconds(Long.parseLong(retryAfter))) : Optional.empty();
    }

    /**
     * Any request under the organizer's URL, the body sent as given (null for none), so that
     * malformed requests can be sent too. A client without a token sends no {@code Authorization}.
     */
    public Answer request(String method, String path, String body, String idempotencyKey) throws IOException {
        try {
            return answer(http.send(build(method, path, body, idempotencyKey), HttpResponse.BodyHandlers.ofString()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static Answer answer(HttpResponse<String> response) {
        return new Answer(response.statusCode(), response.body(), response.headers().firstValue("Retry-After")
                .flatMap(PretixClient::seconds));
    }

    private HttpRequest build(String method, String path, String body, String idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(organizerUrl + path))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Token " + token);
        }
        if (idempotencyKey != null) {
            request.header("X-Idempotency-Key", idempotencyKey);
        }
        return request.build();
    }
}
