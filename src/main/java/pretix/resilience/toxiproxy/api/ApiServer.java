package pretix.resilience.toxiproxy.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import pretix.resilience.toxiproxy.ToxiproxyError;
import pretix.resilience.toxiproxy.proxy.Proxy;
import pretix.resilience.toxiproxy.proxy.ProxyRegistry;
import pretix.resilience.toxiproxy.toxic.ToxicSpec;

/**
 * Toxiproxy 2.12's HTTP API: its paths, methods, JSON shapes and status codes. A bad request
 * gets Toxiproxy's error body and never takes the server down.
 */
public final class ApiServer implements AutoCloseable {

    public static final String VERSION = "2.12.0";

    private final ProxyRegistry registry;
    private final HttpServer http;
    private final ExecutorService handlers = Executors.newFixedThreadPool(8, runnable -> {
        Thread thread = new Thread(runnable, "toxiproxy-api");
        thread.setDaemon(true);
        return thread;
    });

    public ApiServer(ProxyRegistry registry, InetSocketAddress address) throws IOException {
        this.registry = registry;
        this.http = HttpServer.create(address, 64);
        http.setExecutor(handlers);
        http.createContext("/", this::handle);
        http.start();
    }

    public int port() {
        return http.getAddress().getPort();
    }

    @Override
    public void close() {
        http.stop(0);
        handlers.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                String agent = exchange.getRequestHeaders().getFirst("User-Agent");
                if (agent != null && agent.startsWith("Mozilla/")) {
                    send(exchange, 403, "text/plain; charset=utf-8", "User agent not allowed\n");
                    return;
                }
                route(exchange, exchange.getRequestMethod(), segments(exchange));
            } catch (ToxiproxyError error) {
                sendJson(exchange, error.status(), JsonBodies.error(error));
            } catch (RuntimeException unexpected) {
                sendJson(exchange, 500, JsonBodies.error(new ToxiproxyError(500, String.valueOf(unexpected.getMessage()))));
            }
        }
    }

    private void route(HttpExchange exchange, String method, List<String> path) throws IOException {
        if (path.size() >= 2 && !path.get(0).equals("proxies") || path.size() >= 3 && !path.get(2).equals("toxics")) {
            throw notFound();
        }
        switch (path.size()) {
            case 1 -> routeTop(exchange, method, path.get(0));
            case 2 -> routeProxy(exchange, method, path.get(1));
            case 3 -> routeToxics(exchange, method, registry.get(path.get(1)));
            case 4 -> routeToxic(exchange, method, registry.get(path.get(1)), path.get(3));
            default -> throw notFound();
        }
    }

    private void routeTop(HttpExchange exchange, String method, String resource) throws IOException {
        switch (method + " " + resource) {
            case "GET proxies" -> {
                ObjectNode all = JsonBodies.MAPPER.createObjectNode();
                registry.all().forEach(proxy -> all.set(proxy.name(), JsonBodies.proxy(proxy)));
                sendJson(exchange, 200, all);
            }
            case "POST proxies" -> sendJson(exchange, 201, JsonBodies.proxy(registry.create(
                    JsonBodies.proxyRequest(body(exchange)))));
            case "POST populate" -> populate(exchange);
            case "POST reset" -> {
                registry.reset();
                send(exchange, 204, null, null);
            }
            case "GET version" -> send(exchange, 200, "application/json;charset=utf-8",
                    "{\"version\": \"" + VERSION + "\"}\n");
            case "GET metrics" -> send(exchange, 200, "text/plain; version=0.0.4; charset=utf-8",
                    PrometheusMetrics.render(registry.all()));
            default -> throw knownPathOrNotFound(resource, "proxies", "populate", "reset", "version", "metrics");
        }
    }

    private void populate(HttpExchange exchange) throws IOException {
        ObjectNode response = JsonBodies.MAPPER.createObjectNode();
        try {
            List<Proxy> proxies = registry.populate(JsonBodies.populateRequest(body(exchange)));
            proxies.forEach(proxy -> response.withArray("proxies").add(JsonBodies.proxy(proxy)));
            sendJson(exchange, 201, response);
        } catch (ToxiproxyError error) {
            response.setAll(JsonBodies.error(error));
            response.putArray("proxies");
            sendJson(exchange, error.status(), response);
        }
    }

    private void routeProxy(HttpExchange exchange, String method, String name) throws IOException {
        switch (method) {
            case "GET" -> sendJson(exchange, 200, JsonBodies.proxy(registry.get(name)));
            case "POST", "PATCH" -> {
                registry.get(name);
                sendJson(exchange, 200, JsonBodies.proxy(registry.update(name, JsonBodies.proxyRequest(body(exchange)))));
            }
            case "DELETE" -> {
                registry.delete(name);
                send(exchange, 204, null, null);
            }
            default -> throw methodNotAllowed();
        }
    }

    private void routeToxics(HttpExchange exchange, String method, Proxy proxy) throws IOException {
        switch (method) {
            case "GET" -> {
                var toxics = JsonBodies.MAPPER.createArrayNode();
                proxy.toxics().forEach(toxic -> toxics.add(JsonBodies.toxic(toxic)));
                sendJson(exchange, 200, toxics);
            }
            case "POST" -> sendJson(exchange, 200, JsonBodies.toxic(proxy.addToxic(JsonBodies.newToxic(body(exchange)))));
            default -> throw methodNotAllowed();
        }
    }

    private void routeToxic(HttpExchange exchange, String method, Proxy proxy, String name) throws IOException {
        switch (method) {
            case "GET" -> sendJson(exchange, 200, JsonBodies.toxic(proxy.toxic(name)));
            case "POST", "PATCH" -> {
                ToxicSpec current = proxy.toxic(name);
                sendJson(exchange, 200, JsonBodies.toxic(proxy.updateToxic(
                        JsonBodies.updatedToxic(current, body(exchange)))));
            }
            case "DELETE" -> {
                proxy.removeToxic(name);
                send(exchange, 204, null, null);
            }
            default -> throw methodNotAllowed();
        }
    }

    private static JsonNode body(HttpExchange exchange) throws IOException {
        return JsonBodies.parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    }

    private static List<String> segments(HttpExchange exchange) {
        return Arrays.stream(exchange.getRequestURI().getRawPath().split("/"))
                .filter(segment -> !segment.isEmpty())
                .map(segment -> URLDecoder.decode(segment, StandardCharsets.UTF_8))
                .toList();
    }

    private static ToxiproxyError knownPathOrNotFound(String resource, String... known) {
        return Arrays.asList(known).contains(resource) ? methodNotAllowed() : notFound();
    }

    private static ToxiproxyError notFound() {
        return new ToxiproxyError(404, "404 page not found");
    }

    private static ToxiproxyError methodNotAllowed() {
        return new ToxiproxyError(405, "method not allowed");
    }

    private static void sendJson(HttpExchange exchange, int status, JsonNode body) throws IOException {
        send(exchange, status, "application/json", JsonBodies.MAPPER.writeValueAsString(body));
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        if (body == null) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
