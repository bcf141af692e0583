package pretix.resilience.workload;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import pretix.resilience.client.PretixClient;
import pretix.resilience.client.Quickstart;
import pretix.resilience.history.History;
import pretix.resilience.history.OperationKind;
import pretix.resilience.history.Outcome;

/**
 * Buyers placing orders at a set rate, spread round-robin over the nginx replicas, each order
 * with its own {@code X-Idempotency-Key} and the client's timeout. Outcomes as Jepsen counts
 * them: 201 is {@code ok}; a 4xx or a refused connection certainly had no effect, {@code fail};
 * a 5xx, a timeout or a reset after sending may have, {@code unknown}. A buyer whose
 * connection fails without an answer tries the next nginx once, under the same key, as a
 * browser behind DNS round-robin would; the key makes the repeat safe.
 *
 * <p>A 409 with {@code Retry-After} says that a request under the same key is still running
 * (nginx repeats a request on the other shop when the first one is slower than its read
 * timeout, and the first one may still commit). As pretix's API asks, the buyer repeats the
 * order under the key after the wait, and gets the first request's answer once it ended; a
 * key still running when the client timeout since the first attempt has passed is {@code unknown}.
 */
public final class OrderWorkload implements AutoCloseable {

    public static final String TYPE = OperationKind.ORDERS.type();

    private final PacedLoop loop;

    /** @param clients one client per nginx, named by {@code nginxNames} at the same index */
    public OrderWorkload(List<PretixClient> clients, List<String> nginxNames, Quickstart.Event event,
                         double ordersPerSecond, int buyers, Duration clientTimeout, History history) {
        this.loop = new PacedLoop("buyer", ordersPerSecond, buyers, sequence -> {
            int replica = (int) (sequence % clients.size());
            String key = UUID.randomUUID().toString();
            long invoked = history.clock().now();
            long deadline = invoked + clientTimeout.toNanos();
            String process = Thread.currentThread().getName();
            try {
                PretixClient.Answer answer;
                try {
                    answer = place(clients.get(replica), event, key);
                } catch (IOException e) {
                    if (e instanceof HttpTimeoutException) {
                        throw e;
                    }
                    replica = (replica + 1) % clients.size();
                    answer = place(clients.get(replica), event, key);
                }
                while (stillRunning(answer) && history.clock().now() + answer.retryAfter().get().toNanos() < deadline) {
                    Thread.sleep(answer.retryAfter().get().toMillis());
                    answer = place(clients.get(replica), event, key);
                }
                Outcome outcome = answer.status() == 201 ? Outcome.OK
                        : answer.status() >= 500 || stillRunning(answer) ? Outcome.UNKNOWN : Outcome.FAIL;
                history.complete(process, TYPE, key, outcome == Outcome.OK ? answer.json().get("code").asText() : null,
                        invoked, outcome, outcome == Outcome.OK ? null : answer.failure(), nginxNames.get(replica));
            } catch (IOException e) {
                Outcome outcome = e instanceof ConnectException ? Outcome.FAIL : Outcome.UNKNOWN;
                history.complete(process, TYPE, key, null, invoked, outcome,
                        e instanceof HttpTimeoutException ? "timeout" : e.getClass().getSimpleName(), nginxNames.get(replica));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                history.complete(process, TYPE, key, null, invoked, Outcome.UNKNOWN, "interrupted", nginxNames.get(replica));
            }
        });
    }

    /** The shop's answer while a request under the same key runs; a refused quota lock sends no Retry-After. */
    private static boolean stillRunning(PretixClient.Answer answer) {
        return answer.status() == 409 && answer.retryAfter().isPresent();
    }

    private static PretixClient.Answer place(PretixClient client, Quickstart.Event event, String key) throws IOException {
        return client.placeOrder(event.slug(), event.items().subList(0, 1), "buyer@example.org", key);
    }

    @Override
    public void close() {
        loop.close();
    }
}
