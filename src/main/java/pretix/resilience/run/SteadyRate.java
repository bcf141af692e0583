package pretix.resilience.run;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import pretix.resilience.check.LatencySummary;
import pretix.resilience.check.OfferedLoad;
import pretix.resilience.engine.Engine;
import pretix.resilience.history.History;
import pretix.resilience.history.Operation;
import pretix.resilience.result.Arrivals;
import pretix.resilience.result.CapacityStep;
import pretix.resilience.stack.DeployedNode;
import pretix.resilience.stack.DeployedStack;
import pretix.resilience.workload.OrderTarget;
import pretix.resilience.workload.OrderWorkload;

/**
 * One open-loop order rate held on a healthy stack, without faults: what came of the orders, and
 * the CPU each node (Docker's counters) and the harness (its own process) used meanwhile.
 */
public final class SteadyRate implements AutoCloseable {

    private static final int MAX_IN_FLIGHT = 1000;
    private static final OperatingSystemMXBean HARNESS = ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class);

    private final Engine engine;
    private final DeployedStack stack;
    private final OrderTarget target;
    private final EveryNode nodes = new EveryNode("cpu-question");

    public SteadyRate(Engine engine, DeployedStack stack, OrderTarget target) {
        this.engine = engine;
        this.stack = stack;
        this.target = target;
    }

    /**
     * Orders at {@code rate} per second at constant intervals for {@code length}, recorded in
     * {@code history}; the step is met when every order due was acknowledged, none shed, and p99
     * stayed within {@code p99Limit}.
     */
    public CapacityStep hold(double rate, Duration length, Duration p99Limit, Duration clientTimeout, History history)
            throws InterruptedException {
        Map<DeployedNode, Long> cpuBefore = nodes.ask(stack, engine::cpuNanos);
        long harnessBefore = HARNESS.getProcessCpuTime();
        long begin = System.nanoTime();
        try (OrderWorkload ignored = new OrderWorkload(target.clients(), target.nginxes(), target.event(),
                Arrivals.CONSTANT.gaps(rate, 0), MAX_IN_FLIGHT, clientTimeout, history)) {
            Thread.sleep(length.toMillis());
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
        OfferedLoad load = OfferedLoad.of(orders, length.toNanos() / 1e9);
        LatencySummary latency = LatencySummary.of(orders);
        double availability = orders.isEmpty() ? 0 : orders.stream().filter(Operation::ok).count() / (double) orders.size();
        boolean sustained = availability == 1.0 && load.shed() == 0 && latency.p99Ms() <= p99Limit.toMillis();
        return new CapacityStep(rate, load, latency, availability, byTier, byNode, harness, sustained);
    }

    @Override
    public void close() {
        nodes.close();
    }
}
