package pretix.resilience.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
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
 * Buyers against a shop that stalls for 3 s: every request it receives from the first one after
 * the stall began is held until the stall ends. An open loop keeps sending on schedule, sheds
 * what exceeds its bound, and measures latency from each order's intended start.
 */
class OrderWorkloadStallTest {

    private static final Duration STALL = Duration.ofSeconds(3);
    private static final double RATE = 50;
    private static final int MAX_IN_FLIGHT = 40;
    private static final Duration STALL_BEGINS = Duration.ofSeconds(1);

    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final HttpServer server = ScriptedShop.start(this::answer, handlers);
    private final History history = new History(new RunClock());
    private final CountDownLatch stallOver = new CountDownLatch(1);
    /** System.nanoTime() at the stall's start, 0 until it began. */
    private final AtomicLong stallBegan = new AtomicLong();
    private final AtomicLong orders = new AtomicLong();

    @AfterEach
    void stop() {
        server.stop(0);
        handlers.shutdownNow();
        timer.shutdownNow();
    }

    @Test
    void everyArrivalIsSentOnTimeOrShedAndLatencyCountsFromTheIntendedStart() {
        PretixClient client = new PretixClient("http://localhost:" + server.getAddress().getPort(), "o", "token",
                Duration.ofSeconds(10));
        try (OrderWorkload ignored = new OrderWorkload(List.of(client), List.of("nginx0"),
                new Quickstart.Event("e", List.of(1), 1_000_000), Arrivals.CONSTANT.gaps(RATE, 0), MAX_IN_FLIGHT,
                Duration.ofSeconds(10), history)) {
            await().atMost(STALL.multipliedBy(3)).until(() -> stallOver.getCount() == 0
                    && history.clock().now() > runNanos(stallBegan.get()) + STALL.toNanos() + STALL_BEGINS.toNanos());
        }
        List<Operation> recorded = history.operations(OrderWorkload.TYPE);
        long stallStart = runNanos(stallBegan.get());
        long stallEnd = stallStart + STALL.toNanos();

        assertThat(recorded.stream().map(Operation::process))
                .as("one operation per scheduled arrival, none missing")
                .containsExactlyInAnyOrderElementsOf(LongStream.range(0, recorded.size()).mapToObj(n -> "buyer-" + n)
                        .toList());
        assertThat(recorded.stream().filter(operation -> !operation.shed()).mapToLong(Operation::sendLagNanos).max()
                .orElseThrow()).as("the longest wait between an order's intended start and its sending")
                .isLessThan(STALL.toNanos() / 2);
        Operation firstHeld = recorded.stream().filter(operation -> !operation.shed()
                        && operation.invokeNanos() <= stallStart && operation.completeNanos() >= stallEnd)
                .max(Comparator.comparingLong(Operation::invokeNanos)).orElseThrow();
        assertThat(firstHeld.latencyNanos()).as("latency of the last order due before the stall began")
                .isGreaterThanOrEqualTo(stallEnd - firstHeld.invokeNanos());
        Operation dueAtTheStall = recorded.stream().filter(operation -> !operation.shed()
                && operation.invokeNanos() >= stallStart).findFirst().orElseThrow();
        assertThat(dueAtTheStall.ok()).isTrue();
        assertThat(dueAtTheStall.latencyNanos()).as("latency of the first order due after the stall began")
                .isGreaterThan(STALL.toNanos() - STALL.toNanos() / 10);
        List<Operation> shed = recorded.stream().filter(Operation::shed).toList();
        // The held orders are answered in the moments after the stall: arrivals then may still be shed.
        assertThat(shed).as("arrivals beyond %d in flight", MAX_IN_FLIGHT).isNotEmpty()
                .allSatisfy(operation -> {
                    assertThat(operation.outcome()).isEqualTo(Outcome.FAIL);
                    assertThat(operation.invokeNanos()).isBetween(stallStart, stallEnd + STALL.toNanos() / 10);
                });
        assertThat(recorded.size() - shed.size()).isEqualTo(orders.get());
    }

    private long runNanos(long systemNanos) {
        return history.clock().now() - (System.nanoTime() - systemNanos);
    }

    private void answer(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        long received = System.nanoTime();
        long order = orders.incrementAndGet();
        if (order == (long) (RATE * STALL_BEGINS.toSeconds()) && stallBegan.compareAndSet(0, received)) {
            timer.schedule(stallOver::countDown, STALL.toNanos(), TimeUnit.NANOSECONDS);
        }
        if (stallBegan.get() != 0) {
            try {
                stallOver.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] body = ("{\"code\": \"C" + order + "\"}").getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(201, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}
