package pretix.resilience.shop.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Routes the pretix REST API subset a purchase uses to the shop's operations. */
public final class ShopApi {

    /** What the routes need from the shop; the shop implements it. */
    public interface Shop {
        String authenticate(String authorization) throws Exception;

        JsonNode organizers(String organizer) throws Exception;

        JsonNode createEvent(String organizer, String slug, String name) throws Exception;

        JsonNode event(String organizer, String event) throws Exception;

        JsonNode items(String organizer, String event) throws Exception;

        JsonNode createItem(String organizer, String event, String name, BigDecimal price) throws Exception;

        JsonNode createQuota(String organizer, String event, String name, Integer size, List<Integer> items) throws Exception;

        JsonNode availability(String organizer, String event, int quota) throws Exception;

        Response placeOrder(String token, String idempotencyKey, String organizer, String event, JsonNode body)
                throws Exception;

        JsonNode order(String organizer, String event, String code) throws Exception;

        JsonNode orders(String organizer, String event, int page, String baseUrl) throws Exception;

        String healthProblem();
    }

    /** An answer with its status and extra headers. */
    public record Response(int status, String body, String retryAfter) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Shop shop;

    public ShopApi(Shop shop) {
        this.shop = shop;
    }

    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Response response;
            try {
                response = route(exchange);
            } catch (ApiError error) {
                response = new Response(error.status(), error.body().toString(), null);
            } catch (Exception unexpected) {
                String cause = unexpected.getClass().getSimpleName() + ": " + unexpected.getMessage();
                // The buyer sees one line; the log says which request it was, for a run's evidence,
                // and what lies under it (the pool's last failed connection attempt, for instance).
                System.err.println(Instant.now() + " shop: 500 for " + exchange.getRequestMethod() + " "
                        + exchange.getRequestURI().getPath() + ": " + cause + causes(unexpected.getCause()));
                response = new Response(500, ApiError.detail(500, "Internal server error: " + cause).body().toString(),
                        null);
            }
            send(exchange, response);
        }
    }

    private static final int MAX_CAUSES = 4;

    private static String causes(Throwable cause) {
        StringBuilder text = new StringBuilder();
        Throwable next = cause;
        for (int depth = 0; next != null && depth < MAX_CAUSES; depth++, next = next.getCause()) {
            text.append("; caused by ").append(next.getClass().getSimpleName()).append(": ").append(next.getMessage());
        }
        return text.toString();
    }

    private Response route(HttpExchange exchange) throws Exception {
        String method = exchange.getRequestMethod();
        List<String> path = Arrays.stream(exchange.getRequestURI().getPath().split("/")).filter(s -> !s.isEmpty()).toList();
        if (path.equals(List.of("healthcheck"))) {
            String problem = shop.healthProblem();
            return problem.isEmpty() ? ok("{}") : new Response(503, ApiError.detail(503, problem).body().toString(), null);
        }
        if (path.size() < 3 || !path.subList(0, 3).equals(List.of("api", "v1", "organizers"))) {
            throw ApiError.detail(404, "Not found.");
        }
        String token = exchange.getRequestHeaders().getFirst("Authorization");
        String organizer = shop.authenticate(token);
        List<String> rest = path.subList(3, path.size());
        if (rest.isEmpty()) {
            return get(method, () -> shop.organizers(organizer));
        }
        if (!rest.get(0).equals(organizer)) {
            throw ApiError.detail(403, "You do not have permission to perform this action.");
        }
        List<String> event = rest.subList(1, rest.size());
        if (event.equals(List.of("events"))) {
            if (method.equals("POST")) {
                JsonNode body = body(exchange);
                return created(shop.createEvent(organizer, required(body, "slug"), localized(body.path("name"))));
            }
            throw methodNotAllowed(method);
        }
        if (event.size() < 2 || !event.get(0).equals("events")) {
            throw ApiError.detail(404, "Not found.");
        }
        String slug = event.get(1);
        List<String> resource = event.subList(2, event.size());
        String joined = String.join("/", resource);
        if (resource.isEmpty()) {
            return get(method, () -> shop.event(organizer, slug));
        }
        if (joined.equals("items")) {
            if (method.equals("POST")) {
                JsonNode body = body(exchange);
                return created(shop.createItem(organizer, slug, localized(body.path("name")),
                        new BigDecimal(required(body, "default_price"))));
            }
            return get(method, () -> shop.items(organizer, slug));
        }
        if (joined.equals("quotas") && method.equals("POST")) {
            JsonNode body = body(exchange);
            List<Integer> items = new ArrayList<>();
            body.path("items").forEach(item -> items.add(item.asInt()));
            JsonNode size = body.path("size");
            return created(shop.createQuota(organizer, slug, required(body, "name"),
                    size.isMissingNode() || size.isNull() ? null : size.asInt(), items));
        }
        if (resource.size() == 3 && resource.get(0).equals("quotas") && resource.get(2).equals("availability")) {
            return get(method, () -> shop.availability(organizer, slug, number(resource.get(1))));
        }
        if (joined.equals("orders")) {
            if (method.equals("POST")) {
                return shop.placeOrder(token, exchange.getRequestHeaders().getFirst("X-Idempotency-Key"), organizer,
                        slug, body(exchange));
            }
            String query = exchange.getRequestURI().getQuery();
            int page = query != null && query.startsWith("page=") ? number(query.substring(5)) : 1;
            return get(method, () -> shop.orders(organizer, slug, page, exchange.getRequestURI().getPath()));
        }
        if (resource.size() == 2 && resource.get(0).equals("orders")) {
            return get(method, () -> shop.order(organizer, slug, resource.get(1)));
        }
        throw ApiError.detail(404, "Not found.");
    }

    private interface Read {
        JsonNode read() throws Exception;
    }

    private static Response get(String method, Read read) throws Exception {
        if (!method.equals("GET")) {
            throw methodNotAllowed(method);
        }
        return ok(read.read().toString());
    }

    private static Response ok(String body) {
        return new Response(200, body, null);
    }

    private static Response created(JsonNode body) {
        return new Response(201, body.toString(), null);
    }

    private static ApiError methodNotAllowed(String method) {
        return ApiError.detail(405, "Method \"" + method + "\" not allowed.");
    }

    static JsonNode body(HttpExchange exchange) throws IOException {
        String text = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        try {
            JsonNode body = JSON.readTree(text);
            if (body == null || !body.isObject()) {
                throw ApiError.detail(400, "JSON parse error - expected an object");
            }
            return body;
        } catch (JsonProcessingException e) {
            throw ApiError.detail(400, "JSON parse error - " + e.getOriginalMessage());
        }
    }

    private static String required(JsonNode body, String field) {
        JsonNode value = body.path(field);
        if (value.isMissingNode() || value.isNull() || value.asText().isEmpty()) {
            throw ApiError.field(field, "This field is required.");
        }
        return value.asText();
    }

    /** pretix's names are localized objects ({"en": "..."}); a plain string is accepted too. */
    private static String localized(JsonNode name) {
        if (name.isObject() && name.size() > 0) {
            return name.elements().next().asText();
        }
        if (name.isTextual() && !name.asText().isEmpty()) {
            return name.asText();
        }
        throw ApiError.field("name", "This field is required.");
    }

    private static int number(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw ApiError.detail(404, "Not found.");
        }
    }

    private static void send(HttpExchange exchange, Response response) throws IOException {
        byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        if (response.retryAfter() != null) {
            exchange.getResponseHeaders().set("Retry-After", response.retryAfter());
        }
        exchange.sendResponseHeaders(response.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
