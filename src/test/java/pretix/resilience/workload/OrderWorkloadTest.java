package pretix.resilience.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import pretix.resilience.client.PretixClient;
import pretix.resilience.client.Quickstart;
import pretix.resilience.history.History;
import pretix.resilience.history.Operation;
import pretix.resilience.history.Outcome;
import pretix.resilience.history.RunClock;
import pretix.resilience.result.Arrivals;

/**
 * How buyers classify the answers of a scripted pretix endpoint: each key's first request is
 * answered with the shop's 409 for a key that is still running, as nginx's repeat on the other
 * shop gets it; what the repeats get decides the outcome.
 */
class OrderWorkloadTest {

    private static final Quickstart.Event EVENT = new Quickstart.Event("e", List.of(1), 100);
    private final HttpServer server = ScriptedShop.start(this::answer, null);
    private final Map<String, AtomicInteger> requestsPerKey = new ConcurrentHashMap<>();
    private volatile int answerAfterConflict = 201;

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aKeyStillRunningIsAskedAgainAfterRetryAfterAndTakesTheFirstRequestsAnswer() {
        Operation order = placeOne(Duration.ofSeconds(10));

        assertThat(order.outcome()).isEqualTo(Outcome.OK);
        assertThat(order.value()).isEqualTo("ABCDE");
        assertThat(requestsPerKey.get(order.key())).hasValue(2);
    }

    @Test
    void aKeyStillRunningWhenTheClientTimeoutRunsOutIsUnknownNotFailed() {
        answerAfterConflict = 409;

        Operation order = placeOne(Duration.ofMillis(1500));

        assertThat(order.outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(order.error()).isEqualTo("HTTP 409: scripted answer");
    }

    @Test
    void aServerErrorIsUnknownAndKeepsTheShopsReason() {
        answerAfterConflict = 500;

        Operation order = placeOne(Duration.ofSeconds(10));

        assertThat(order.outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(order.error()).isEqualTo("HTTP 500: scripted answer");
    }

    @Test
    void aRefusalAfterTheWaitIsAFailure() {
        answerAfterConflict = 400;

        assertThat(placeOne(Duration.ofSeconds(10)).outcome()).isEqualTo(Outcome.FAIL);
    }

    @Test
    void aBuyerWhoseNginxRefusesTheConnectionOrdersThroughTheOtherUnderTheSameKey() throws IOException {
        answerAfterConflict = 201;
        History history = new History(new RunClock());
        int closedPort;
        try (ServerSocket nobodyListens = new ServerSocket(0)) {
            closedPort = nobodyListens.getLocalPort();
        }
        List<PretixClient> clients = List.of(
                new PretixClient("http://localhost:" + closedPort, "o", "token", Duration.ofSeconds(10)),
                new PretixClient("http://localhost:" + server.getAddress().getPort(), "o", "token", Duration.ofSeconds(10)));
        try (OrderWorkload ignored = new OrderWorkload(clients, List.of("nginx0", "nginx1"), EVENT,
                Arrivals.CONSTANT.gaps(0.5, 0), 1, Duration.ofSeconds(10), history)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !history.operations(OrderWorkload.TYPE).isEmpty());
        }
        Operation order = history.operations(OrderWorkload.TYPE).get(0);

        assertThat(order.outcome()).isEqualTo(Outcome.OK);
        assertThat(order.node()).isEqualTo("nginx1");
        assertThat(requestsPerKey.get(order.key())).as("requests under the order's key at the second nginx").hasValue(2);
    }

    private Operation placeOne(Duration clientTimeout) {
        History history = new History(new RunClock());
        PretixClient client = new PretixClient("http://localhost:" + server.getAddress().getPort(), "o", "token",
                clientTimeout);
        try (OrderWorkload ignored = new OrderWorkload(List.of(client), List.of("nginx0"), EVENT,
                Arrivals.CONSTANT.gaps(0.5, 0), 1, clientTimeout, history)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !history.operations(OrderWorkload.TYPE).isEmpty());
        }
        return history.operations(OrderWorkload.TYPE).get(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        String key = exchange.getRequestHeaders().getFirst("X-Idempotency-Key");
        int request = requestsPerKey.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        int status = request == 1 ? 409 : answerAfterConflict;
        if (status == 409) {
            exchange.getResponseHeaders().set("Retry-After", "1");
        }
        byte[] body = (status == 201 ? "{\"code\": \"ABCDE\"}" : "{\"detail\": \"scripted answer\"}")
                .getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}
