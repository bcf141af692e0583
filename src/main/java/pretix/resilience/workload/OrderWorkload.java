package pretix.resilience.workload;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.util.List;
import java.util.UUID;
import pretix.resilience.client.PretixClient;
import pretix.resilience.client.Quickstart;
import pretix.resilience.history.History;
import pretix.resilience.history.Outcome;

/**
 * Buyers placing orders at a set rate, spread round-robin over the nginx replicas, each order
 * with its own {@code X-Idempotency-Key} and the client's timeout. Outcomes as Jepsen counts
 * them: 201 is {@code ok}; a 4xx or a refused connection certainly had no effect, {@code fail};
 * a 5xx, a timeout or a reset after sending may have, {@code unknown}. A buyer whose
 * connection fails without an answer tries the next nginx once, under the same key, as a
 * browser behind DNS round-robin would; the key makes the repeat safe.
 */
public final class OrderWorkload implements AutoCloseable {

    public static final String TYPE = "order";

    private final PacedLoop loop;

    /** @param clients one client per nginx, named by {@code nginxNames} at the same index */
    public OrderWorkload(List<PretixClient> clients, List<String> nginxNames, Quickstart.Event event,
                         double ordersPerSecond, int buyers, History history) {
        this.loop = new PacedLoop("buyer", ordersPerSecond, buyers, sequence -> {
            int replica = (int) (sequence % clients.size());
            String key = UUID.randomUUID().toString();
            long invoked = history.clock().now();
            String process = Thread.currentThread().getName();
            try {
                PretixClient.Answer answer;
                boolean retried = false;
                try {
                    answer = place(clients.get(replica), event, key);
                } catch (IOException e) {
                    if (e instanceof HttpTimeoutException) {
                        throw e;
                    }
                    replica = (replica + 1) % clients.size();
                    retried = true;
                    answer = place(clients.get(replica), event, key);
                }
                // A repeat that finds the first attempt still running (409) cannot tell whether it will succeed.
                Outcome outcome = answer.status() == 201 ? Outcome.OK
                        : answer.status() >= 500 || (retried && answer.status() == 409) ? Outcome.UNKNOWN
                        : Outcome.FAIL;
                history.complete(process, TYPE, key, outcome == Outcome.OK ? answer.json().get("code").asText() : null,
                        invoked, outcome, outcome == Outcome.OK ? null : "HTTP " + answer.status(), nginxNames.get(replica));
            } catch (IOException e) {
                Outcome outcome = e instanceof ConnectException ? Outcome.FAIL : Outcome.UNKNOWN;
                history.complete(process, TYPE, key, null, invoked, outcome,
                        e instanceof HttpTimeoutException ? "timeout" : e.getClass().getSimpleName(), nginxNames.get(replica));
            }
        });
    }

    private static PretixClient.Answer place(PretixClient client, Quickstart.Event event, String key) throws IOException {
        return client.placeOrder(event.slug(), event.items().subList(0, 1), "buyer@example.org", key);
    }

    @Override
    public void close() {
        loop.close();
    }
}
