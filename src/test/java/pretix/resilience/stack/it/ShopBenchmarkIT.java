package pretix.resilience.stack.it;

import static org.assertj.core.api.Assertions.assertThat;
import static pretix.resilience.stack.it.BenchmarkReport.median;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Recorder;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import pretix.resilience.client.PretixClient;
import pretix.resilience.client.Quickstart;
import pretix.resilience.stack.DeployedStack;
import pretix.resilience.stack.Profile;
import pretix.resilience.stack.ShopAccess;
import pretix.resilience.stack.Topology;
import pretix.resilience.engine.LaunchedStack;
import pretix.resilience.engine.Engine;

/**
 * Purchases through the complete hardened stack (nginx, shop, pgpool, synchronous replication,
 * Redis through HAProxy, every hop through Toxiproxy), with the load generator on the same two
 * cores: time to ready (three launches), sustained orders/s with closed-loop buyers, and latency
 * at a fixed 50 orders/s, measured from each order's scheduled time so that a stall is not
 * hidden by the requests it delayed. Opt-in (-Dbenchmark=true).
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class ShopBenchmarkIT {

    private static final int LAUNCHES = 3;
    private static final Duration PHASE = Duration.ofSeconds(Integer.getInteger("benchmark.seconds", 30));
    private static final int BUYERS = Integer.getInteger("benchmark.buyers", 32);
    private static final int FIXED_RATE = 50;
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(10);

    @Test
    void ordersPerSecondAndLatencyThroughTheCompleteStack() throws Exception {
        Engine engine = Machine.engine();
        Topology topology = Topology.defaults(Profile.HARDENED);
        List<Double> readySeconds = new ArrayList<>();
        for (int launch = 1; launch < LAUNCHES; launch++) {
            try (LaunchedStack stack = engine.launch(topology, false, System.out::println)) {
                readySeconds.add(stack.timeToReady().toMillis() / 1000.0);
            }
        }
        try (LaunchedStack stack = engine.launch(topology, false, System.out::println)) {
            readySeconds.add(stack.timeToReady().toMillis() / 1000.0);
            List<PretixClient> clients = clients(stack.deployed());
            Quickstart.Event event = Quickstart.create(clients.get(0));

            Outcome warmUp = closedLoop(clients, event, Duration.ofSeconds(5));
            Outcome sustained = closedLoop(clients, event, PHASE);
            Outcome paced = fixedRate(clients, event, PHASE);

            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("profile", topology.profile().id());
            figures.put("readySeconds", readySeconds);
            figures.put("readySecondsMedian", median(readySeconds));
            figures.put("buyers", BUYERS);
            figures.put("phaseSeconds", PHASE.toSeconds());
            figures.put("warmUpOrders", warmUp.ok());
            figures.put("sustainedOrdersPerSecond", sustained.ok() / (double) PHASE.toSeconds());
            figures.put("sustainedFailures", sustained.failed());
            figures.put("sustainedP50Ms", sustained.latency().getValueAtPercentile(50) / 1000.0);
            figures.put("sustainedP99Ms", sustained.latency().getValueAtPercentile(99) / 1000.0);
            figures.put("fixedRateOrdersPerSecond", FIXED_RATE);
            figures.put("fixedRateOrders", paced.ok());
            figures.put("fixedRateFailures", paced.failed());
            figures.put("fixedRateP50Ms", paced.latency().getValueAtPercentile(50) / 1000.0);
            figures.put("fixedRateP99Ms", paced.latency().getValueAtPercentile(99) / 1000.0);
            figures.put("fixedRateMaxMs", paced.latency().getMaxValue() / 1000.0);
            BenchmarkReport.write("shop", figures);
            System.out.printf("goals: >= 200 orders/s: %s; p99 < 100 ms at 50/s: %s; ready <= 20 s: %s%n",
                    verdict(sustained.ok() / (double) PHASE.toSeconds() >= 200),
                    verdict(paced.latency().getValueAtPercentile(99) < 100_000), verdict(median(readySeconds) <= 20));

            assertThat(sustained.ok()).as("orders placed under sustained load").isPositive();
            assertThat(paced.failed()).as("failed orders at a fixed 50/s on a healthy stack").isZero();
        }
    }

    /** What a phase achieved: acknowledged orders, failures, and latency in microseconds. */
    private record Outcome(int ok, int failed, Histogram latency) {}

    private static Outcome closedLoop(List<PretixClient> clients, Quickstart.Event event, Duration phase)
            throws Exception {
        Recorder latency = new Recorder(3);
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        long end = System.nanoTime() + phase.toNanos();
        ExecutorService buyers = Executors.newFixedThreadPool(BUYERS);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int buyer = 0; buyer < BUYERS; buyer++) {
                PretixClient client = clients.get(buyer % clients.size());
                running.add(buyers.submit(() -> {
                    while (System.nanoTime() < end) {
                        long start = System.nanoTime();
                        place(client, event, ok, failed);
                        latency.recordValue((System.nanoTime() - start) / 1000);
                    }
                    return null;
                }));
            }
            for (Future<?> buyer : running) {
                buyer.get();
            }
        } finally {
            buyers.shutdownNow();
        }
        return new Outcome(ok.get(), failed.get(), latency.getIntervalHistogram());
    }

    private static Outcome fixedRate(List<PretixClient> clients, Quickstart.Event event, Duration phase)
            throws Exception {
        Recorder latency = new Recorder(3);
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        int orders = (int) (phase.toSeconds() * FIXED_RATE);
        long interval = TimeUnit.SECONDS.toNanos(1) / FIXED_RATE;
        long first = System.nanoTime();
        ExecutorService senders = Executors.newCachedThreadPool();
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (int order = 0; order < orders; order++) {
                long scheduled = first + order * interval;
                TimeUnit.NANOSECONDS.sleep(Math.max(0, scheduled - System.nanoTime()));
                PretixClient client = clients.get(order % clients.size());
                sent.add(senders.submit(() -> {
                    place(client, event, ok, failed);
                    latency.recordValue((System.nanoTime() - scheduled) / 1000);
                }));
            }
            for (Future<?> order : sent) {
                order.get();
            }
        } finally {
            senders.shutdownNow();
        }
        return new Outcome(ok.get(), failed.get(), latency.getIntervalHistogram());
    }

    private static void place(PretixClient client, Quickstart.Event event, AtomicInteger ok, AtomicInteger failed) {
        try {
            int status = client.placeOrder(event.slug(), event.items().subList(0, 1), "bench@example.org",
                    UUID.randomUUID().toString()).status();
            (status == 201 ? ok : failed).incrementAndGet();
        } catch (Exception e) {
            failed.incrementAndGet();
        }
    }

    private static List<PretixClient> clients(DeployedStack stack) {
        ShopAccess access = stack.shopAccess();
        return stack.shopUrls().stream()
                .map(url -> new PretixClient(url, access.organizer(), access.token(), CLIENT_TIMEOUT)).toList();
    }

    private static String verdict(boolean met) {
        return met ? "met" : "missed";
    }
}
