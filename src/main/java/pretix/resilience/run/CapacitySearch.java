package pretix.resilience.run;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import pretix.resilience.check.LatencySummary;
import pretix.resilience.check.OfferedLoad;
import pretix.resilience.client.PretixClient;
import pretix.resilience.client.Quickstart;
import pretix.resilience.engine.Engine;
import pretix.resilience.history.History;
import pretix.resilience.history.Operation;
import pretix.resilience.history.RunClock;
import pretix.resilience.result.Arrivals;
import pretix.resilience.result.CapacityReport;
import pretix.resilience.result.CapacityStep;
import pretix.resilience.stack.DeployedNode;
import pretix.resilience.stack.DeployedStack;
import pretix.resilience.stack.ShopAccess;
import pretix.resilience.stack.Tier;
import pretix.resilience.workload.OrderWorkload;

/**
 * Raises the open-loop order rate in steps on a healthy stack, without faults, until a step
 * misses its objectives, and reports each step with the CPU every tier used: the highest rate
 * the stack sustains on this machine, and which tier was busiest where it gave out.
 */
public final class CapacitySearch {

    /** The rates to try ({@code from}, then {@code step} more each time, up to {@code to}), and the objectives of each. */
    public record Settings(double from, double step, double to, Duration stepLength, Duration p99Limit,
                           Duration clientTimeout) {

        public List<Double> rates() {
            List<Double> rates = new ArrayList<>();
            for (double rate = from; rate <= to + 1e-9; rate += step) {
                rates.add(rate);
            }
            return rates;
        }
    }

    private static final int MAX_IN_FLIGHT = 1000;
    private static final OperatingSystemMXBean HARNESS = ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class);

    private final Engine engine;
    private final Consumer<String> progress;

    public CapacitySearch(Engine engine, Consumer<String> progress) {
        this.engine = engine;
        this.progress = progress;
    }

    public CapacityReport search(DeployedStack stack, Settings settings) throws IOException, InterruptedException {
        ShopAccess access = stack.shopAccess();
        List<PretixClient> clients = stack.shopUrls().stream()
                .map(url -> new PretixClient(url, access.organizer(), access.token(), settings.clientTimeout())).toList();
        List<String> nginxes = stack.nodes(Tier.NGINX).stream().map(DeployedNode::name).toList();
        Quickstart.Event event = Quickstart.create(clients.get(0), "capacity" + Long.toHexString(System.nanoTime()),
                1_000_000_000);
        List<CapacityStep> steps = new ArrayList<>();
        Instant started = Instant.now();
        try (EveryNode nodes = new EveryNode("cpu-question")) {
            for (double rate : settings.rates()) {
                CapacityStep step = step(nodes, stack, clients, nginxes, event, rate, settings);
                steps.add(step);
                progress.accept(String.format("  %6.1f orders/s: %5.1f %% ok, %d shed, p50 %.0f ms, p99 %.0f ms, max %.0f"
                                + " ms; CPU %.2f cores, busiest node %s (%.2f) -> %s", rate, step.availability() * 100,
                        step.load().shed(), step.latency().p50Ms(), step.latency().p99Ms(), step.latency().maxMs(),
                        step.totalCores(), step.busiestNode(), step.coresByNode().getOrDefault(step.busiestNode(), 0.0),
                        step.sustained() ? "sustained" : "missed"));
                if (!step.sustained()) {
                    break;
                }
            }
        }
        return new CapacityReport(stack.profile().id(), Runtime.getRuntime().availableProcessors(), started,
                settings.stepLength(), settings.p99Limit().toMillis(), steps);
    }

    /** One rate held for the step's length; each node's CPU from Docker's counters before and after. */
    private CapacityStep step(EveryNode nodes, DeployedStack stack, List<PretixClient> clients, List<String> nginxes,
                              Quickstart.Event event, double rate, Settings settings) throws InterruptedException {
        History history = new History(new RunClock());
        Map<DeployedNode, Long> cpuBefore = nodes.ask(stack, engine::cpuNanos);
        long harnessBefore = HARNESS.getProcessCpuTime();
        long begin = System.nanoTime();
        try (OrderWorkload ignored = new OrderWorkload(clients, nginxes, event, Arrivals.CONSTANT.gaps(rate, 0),
                MAX_IN_FLIGHT, settings.clientTimeout(), history)) {
            Thread.sleep(settings.stepLength().toMillis());
        }
        long elapsed = System.nanoTime() - begin;
        double harness = (HARNESS.getProcessCpuTime() - harnessBefore) / (double) elapsed;
        Map<DeployedNode, Long> cpuAfter = nodes.ask(stack, engine::cpuNanos);
        Map<String, Double> byTier = new LinkedHashMap<>();
        Map<String, Double> byNode = new LinkedHashMap<>();
        cpuAfter.forEach((node, after) -> {
            Long before = cpuBefore.get(node);
            if (before != null) {
                byTier.merge(node.tier().image(), (after - before) / (double) elapsed, Double::sum);
                byNode.put(node.name(), (after - before) / (double) elapsed);
            }
        });
        List<Operation> orders = history.operations(OrderWorkload.TYPE);
        OfferedLoad load = OfferedLoad.of(orders, settings.stepLength().toNanos() / 1e9);
        LatencySummary latency = LatencySummary.of(orders);
        double availability = orders.isEmpty() ? 0 : orders.stream().filter(Operation::ok).count() / (double) orders.size();
        boolean sustained = availability == 1.0 && load.shed() == 0 && latency.p99Ms() <= settings.p99Limit().toMillis();
        return new CapacityStep(rate, load, latency, availability, byTier, byNode, harness, sustained);
    }
}
