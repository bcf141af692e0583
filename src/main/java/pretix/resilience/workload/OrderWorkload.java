package pretix.resilience.workload;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongUnaryOperator;
import pretix.resilience.client.PretixClient;
import pretix.resilience.client.Quickstart;
import pretix.resilience.history.History;
import pretix.resilience.history.OperationKind;
import pretix.resilience.history.Outcome;

/**
 * Buyers placing orders on an arrival schedule, open loop ({@link OpenLoop}): each order is sent
 * when it is due, on an asynchronous client, whatever the orders before it are doing, spread
 * round-robin over the nginx replicas, each with its own {@code X-Idempotency-Key} and the
 * client's timeout. Outcomes as Jepsen counts them: 201 is {@code ok}; a 4xx or a refused
 * connection certainly had no effect, {@code fail}; a 5xx, a timeout or a reset after sending
 * may have, {@code unknown}. A buyer whose connection fails without an answer tries the next
 * nginx once, under the same key, as a browser behind DNS round-robin would; the key makes the
 * repeat safe. An order due while {@code maxInFlight} are in flight is shed: a {@code fail},
 * recorded at the moment it was due.
 *
 * <p>A 409 with {@code Retry-After} says that a request under the same key is still running
 * (nginx repeats a request on the other shop when the first one is slower than its read
 * timeout, and the first one may still commit). As pretix's API asks, the buyer repeats the
 * order under the key after the wait, and gets the first request's answer once it ended; a
 * key still running when the client timeout since the first attempt has passed is {@code unknown}.
 */
public final class OrderWorkload implements AutoCloseable {

    public static final String TYPE = OperationKind.ORDERS.type();
    private static final String PROCESS = "buyer-";

    private final List<PretixClient> clients;
    private final List<String> nginxNames;
    private final Quickstart.Event event;
    private final Duration clientTimeout;
    private final History history;
    private final OpenLoop loop;

    /** One attempt's end: the nginx it went to, and its answer or the error that came instead. */
    private record Attempt(int replica, PretixClient.Answer answer, Throwable error) {

        boolean refusedOrReset() {
            return error instanceof IOException && !(error instanceof HttpTimeoutException);
        }

        /** The shop's answer while a request under the same key runs; a refused quota lock sends no Retry-After. */
        boolean stillRunning() {
            return answer != null && answer.status() == 409 && answer.retryAfter().isPresent();
        }
    }

    /**
     * @param clients one client per nginx, named by {@code nginxNames} at the same index
     * @param gaps the arrival schedule: the time from an order due at a time to the next, in nanoseconds
     */
    public OrderWorkload(List<PretixClient> clients, List<String> nginxNames, Quickstart.Event event, LongUnaryOperator gaps,
                         int maxInFlight, Duration clientTimeout, History history) {
        this.clients = List.copyOf(clients);
        this.nginxNames = List.copyOf(nginxNames);
        this.event = event;
        this.clientTimeout = clientTimeout;
        this.history = history;
        this.loop = new OpenLoop("orders", history.clock(), gaps, maxInFlight, this::order,
                (sequence, intended) -> history.shed(PROCESS + sequence, TYPE, UUID.randomUUID().toString(), intended,
                        "shed: " + maxInFlight + " orders in flight"));
    }

    private CompletableFuture<Void> order(long sequence, long intended) {
        int first = (int) (sequence % clients.size());
        String key = UUID.randomUUID().toString();
        long sent = history.clock().now();
        long deadline = sent + clientTimeout.toNanos();
        return place(first, key)
                .thenCompose(attempt -> attempt.refusedOrReset() ? place((first + 1) % clients.size(), key)
                        : CompletableFuture.completedFuture(attempt))
                .thenCompose(attempt -> untilTheFirstRequestEnded(attempt, key, deadline))
                .thenAccept(attempt -> record(PROCESS + sequence, key, intended, sent, attempt));
    }

    private CompletableFuture<Attempt> place(int replica, String key) {
        return clients.get(replica).placeOrderAsync(event.slug(), event.items().subList(0, 1), "buyer@example.org", key)
                .handle((answer, error) -> new Attempt(replica, answer,
                        error instanceof CompletionException wrapped ? wrapped.getCause() : error));
    }

    private CompletableFuture<Attempt> untilTheFirstRequestEnded(Attempt attempt, String key, long deadline) {
        if (!attempt.stillRunning()) {
            return CompletableFuture.completedFuture(attempt);
        }
        long wait = attempt.answer().retryAfter().get().toNanos();
        if (history.clock().now() + wait >= deadline) {
            return CompletableFuture.completedFuture(attempt);
        }
        return CompletableFuture.supplyAsync(() -> attempt, CompletableFuture.delayedExecutor(wait, TimeUnit.NANOSECONDS))
                .thenCompose(waited -> place(waited.replica(), key))
                .thenCompose(repeat -> untilTheFirstRequestEnded(repeat, key, deadline));
    }

    private void record(String process, String key, long intended, long sent, Attempt attempt) {
        String nginx = nginxNames.get(attempt.replica());
        if (attempt.error() != null) {
            Outcome outcome = attempt.error() instanceof ConnectException ? Outcome.FAIL : Outcome.UNKNOWN;
            history.complete(process, TYPE, key, null, intended, sent, outcome,
                    attempt.error() instanceof HttpTimeoutException ? "timeout" : attempt.error().getClass().getSimpleName(),
                    nginx);
            return;
        }
        PretixClient.Answer answer = attempt.answer();
        Outcome outcome = answer.status() == 201 ? Outcome.OK
                : answer.status() >= 500 || attempt.stillRunning() ? Outcome.UNKNOWN : Outcome.FAIL;
        history.complete(process, TYPE, key, outcome == Outcome.OK ? answer.json().get("code").asText() : null, intended,
                sent, outcome, outcome == Outcome.OK ? null : answer.failure(), nginx);
    }

    @Override
    public void close() {
        loop.close();
    }
}
