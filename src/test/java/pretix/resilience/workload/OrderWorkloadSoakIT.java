package pretix.resilience.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import pretix.resilience.client.PretixClient;
import pretix.resilience.client.Quickstart;
import pretix.resilience.history.History;
import pretix.resilience.history.Operation;
import pretix.resilience.history.RunClock;
import pretix.resilience.result.Arrivals;

/**
 * The order workload's memory over a long run at a high rate (opt-in: {@code -Dsoak=true};
 * {@code -Dsoak.minutes}, default 10, {@code -Dsoak.rate}, default 200 orders/s). A local shop
 * answers at once, except that it holds every answer for 20 s out of every 2 minutes, so that
 * the in-flight bound is reached and arrivals are shed. The heap after a collection is sampled
 * every 10 s: outside the stalls it may grow with the history (every order is kept until the run
 * is judged) and nothing else, so its growth per recorded order is bounded; during a stall it
 * holds at most {@code MAX_IN_FLIGHT} orders more, so what it adds then is bounded too. The
 * figures go to {@code target/soak/order-workload-memory.md}.
 */
@EnabledIfSystemProperty(named = "soak", matches = "true")
class OrderWorkloadSoakIT {

    private static final Duration RUN = Duration.ofMinutes(Long.getLong("soak.minutes", 10));
    private static final double RATE = Double.parseDouble(System.getProperty("soak.rate", "200"));
    private static final int MAX_IN_FLIGHT = 1000;
    private static final Duration SAMPLE = Duration.ofSeconds(10);
    private static final Duration STALL_EVERY = Duration.ofMinutes(2);
    private static final Duration STALL = Duration.ofSeconds(20);
    /** Above what an operation in the history takes (a few hundred bytes), below a leak of an order's request. */
    private static final long MOST_BYTES_PER_ORDER = 1024;
    /** What one order in flight may hold: its request, its connection's buffers, the answer being read. */
    private static final long MOST_BYTES_IN_FLIGHT = 100 * 1024;

    private record Sample(double seconds, int recorded, long shed, long heapBytes, boolean stalled) {}

    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
    private final HttpServer server = ScriptedShop.start(this::answer, null);
    private final Queue<HttpExchange> held = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean stalled = new AtomicBoolean();
    private final AtomicLong orders = new AtomicLong();
    private final History history = new History(new RunClock());
    private final List<Sample> samples = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        server.stop(0);
        timer.shutdownNow();
    }

    @Test
    void theWorkloadsMemoryGrowsWithItsHistoryAlone() throws IOException {
        PretixClient client = new PretixClient("http://localhost:" + server.getAddress().getPort(), "o", "token",
                Duration.ofSeconds(60));
        long stallFrom = STALL_EVERY.minus(STALL).toSeconds();
        timer.scheduleAtFixedRate(() -> stalled.set(true), stallFrom, STALL_EVERY.toSeconds(), TimeUnit.SECONDS);
        timer.scheduleAtFixedRate(this::release, STALL_EVERY.toSeconds(), STALL_EVERY.toSeconds(), TimeUnit.SECONDS);
        long samplesDue = RUN.toSeconds() / SAMPLE.toSeconds();
        try (OrderWorkload ignored = new OrderWorkload(List.of(client), List.of("nginx0"),
                new Quickstart.Event("e", List.of(1), 1_000_000), Arrivals.CONSTANT.gaps(RATE, 0), MAX_IN_FLIGHT,
                Duration.ofSeconds(60), history)) {
            timer.scheduleAtFixedRate(this::sample, SAMPLE.toSeconds(), SAMPLE.toSeconds(), TimeUnit.SECONDS);
            await().atMost(RUN.plusMinutes(1)).pollInterval(Duration.ofSeconds(1)).until(() -> samples.size() >= samplesDue);
            release();
        }
        List<Operation> recorded = history.operations(OrderWorkload.TYPE);
        // From the first minute on, outside the stalls (and the sample right after one, when the
        // answers held have only just been sent).
        List<Sample> steady = new ArrayList<>();
        for (int i = 6; i < samples.size(); i++) {
            if (!samples.get(i).stalled() && !samples.get(i - 1).stalled()) {
                steady.add(samples.get(i));
            }
        }
        Line historyLine = Line.fit(steady);
        long inFlightBytes = samples.stream().mapToLong(sample -> sample.heapBytes() - historyLine.at(sample.recorded()))
                .max().orElseThrow();
        write(recorded, historyLine.bytesPerOrder(), inFlightBytes);

        assertThat(recorded.size()).as("every arrival due in the run recorded")
                .isGreaterThanOrEqualTo((int) (RATE * RUN.toSeconds() * 0.99));
        assertThat(recorded.stream().filter(Operation::shed).count()).as("arrivals shed while the shop held its answers")
                .isPositive();
        assertThat(historyLine.bytesPerOrder()).as("heap growth per recorded order outside the stalls")
                .isLessThan(MOST_BYTES_PER_ORDER);
        assertThat(inFlightBytes).as("heap above the history's line, at most %d in flight", MAX_IN_FLIGHT)
                .isLessThan(MAX_IN_FLIGHT * MOST_BYTES_IN_FLIGHT);
        assertThat(recorded.stream().filter(operation -> !operation.shed()).mapToLong(Operation::sendLagNanos).max()
                .orElseThrow()).as("the generator kept up: longest send lag").isLessThan(Duration.ofSeconds(1).toNanos());
    }

    private void release() {
        stalled.set(false);
        for (HttpExchange exchange = held.poll(); exchange != null; exchange = held.poll()) {
            respond(exchange);
        }
    }

    private void sample() {
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        List<Operation> recorded = history.operations(OrderWorkload.TYPE);
        samples.add(new Sample(history.clock().now() / 1e9, recorded.size(),
                recorded.stream().filter(Operation::shed).count(), heap, stalled.get()));
    }

    private void answer(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        if (stalled.get()) {
            held.add(exchange);
        } else {
            respond(exchange);
        }
    }

    private void respond(HttpExchange exchange) {
        byte[] body = ("{\"code\": \"C" + orders.incrementAndGet() + "\"}").getBytes(StandardCharsets.UTF_8);
        try {
            exchange.sendResponseHeaders(201, body.length);
            exchange.getResponseBody().write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            exchange.close();
        }
    }

    /** The heap as a straight line over the orders recorded, fitted by least squares. */
    private record Line(double bytesPerOrder, double baseBytes) {

        static Line fit(List<Sample> samples) {
            double meanX = samples.stream().mapToDouble(Sample::recorded).average().orElseThrow();
            double meanY = samples.stream().mapToDouble(Sample::heapBytes).average().orElseThrow();
            double covariance = samples.stream().mapToDouble(s -> (s.recorded() - meanX) * (s.heapBytes() - meanY)).sum();
            double variance = samples.stream().mapToDouble(s -> (s.recorded() - meanX) * (s.recorded() - meanX)).sum();
            double slope = covariance / variance;
            return new Line(slope, meanY - slope * meanX);
        }

        long at(int recorded) {
            return Math.round(baseBytes + bytesPerOrder * recorded);
        }
    }

    private void write(List<Operation> recorded, double bytesPerOrder, long inFlightBytes) throws IOException {
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT, "## Order workload memory: %.0f orders/s for %d"
                + " min, at most %d in flight, the shop holding its answers %d s of every %d s%n%n", RATE, RUN.toMinutes(),
                MAX_IN_FLIGHT, STALL.toSeconds(), STALL_EVERY.toSeconds()));
        md.append(String.format(Locale.ROOT, "%d orders recorded (%d shed); heap after a collection grew %.0f bytes per"
                        + " recorded order outside the stalls (from the first minute on), and lay at most %.1f MiB above"
                        + " that line (the orders in flight); %d cores, max heap %d MiB.%n%n",
                recorded.size(), recorded.stream().filter(Operation::shed).count(), bytesPerOrder, inFlightBytes / 1048576.0,
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20));
        md.append("| s | recorded | shed | heap MiB | shop holding answers |\n|---|---|---|---|---|\n");
        samples.forEach(sample -> md.append(String.format(Locale.ROOT, "| %.0f | %d | %d | %.1f | %s |%n", sample.seconds(),
                sample.recorded(), sample.shed(), sample.heapBytes() / 1048576.0, sample.stalled() ? "yes" : "")));
        Path report = Path.of("target", "soak", "order-workload-memory.md");
        Files.createDirectories(report.getParent());
        Files.writeString(report, md);
        System.out.print(md);
    }
}
