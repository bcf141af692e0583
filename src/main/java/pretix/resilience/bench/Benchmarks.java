package pretix.resilience.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import pretix.resilience.check.FailedOperations;
import pretix.resilience.check.LatencySummary;
import pretix.resilience.check.OfferedLoad;
import pretix.resilience.check.PhaseAvailability;
import pretix.resilience.engine.Engine;
import pretix.resilience.engine.LaunchedStack;
import pretix.resilience.history.History;
import pretix.resilience.history.Operation;
import pretix.resilience.history.RunClock;
import pretix.resilience.result.BenchReport;
import pretix.resilience.result.CapacityStep;
import pretix.resilience.result.ClosedLoop;
import pretix.resilience.result.HarnessUse;
import pretix.resilience.result.ProxyOverhead;
import pretix.resilience.run.SteadyRate;
import pretix.resilience.stack.Profile;
import pretix.resilience.stack.Topology;
import pretix.resilience.workload.OrderTarget;
import pretix.resilience.workload.OrderWorkload;

/**
 * Every benchmark on fresh stacks of one profile, in one pass: the time to ready of each launch,
 * then on the last stack our proxy's cost, orders closed loop, orders at fixed open-loop rates,
 * and the harness's own CPU and memory at the highest of them.
 */
public final class Benchmarks {

    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration P99_LIMIT = Duration.ofSeconds(1);
    private static final double MIB = 1024 * 1024;

    private final Engine engine;
    private final Consumer<String> progress;

    public Benchmarks(Engine engine, Consumer<String> progress) {
        this.engine = engine;
        this.progress = progress;
    }

    public BenchReport run(Profile profile, BenchPlan plan) throws IOException, InterruptedException {
        Instant started = Instant.now();
        Topology topology = Topology.defaults(profile);
        List<Double> readySeconds = new ArrayList<>();
        for (int launch = 1; launch < plan.launches(); launch++) {
            try (LaunchedStack stack = launch(topology, launch, plan)) {
                readySeconds.add(seconds(stack.timeToReady()));
            }
        }
        try (LaunchedStack stack = launch(topology, plan.launches(), plan)) {
            readySeconds.add(seconds(stack.timeToReady()));
            progress.accept("our proxy against HAProxy's hop, redis-benchmark in the stack:");
            ProxyOverhead proxy = new ProxyBench(engine, progress).measure(stack.deployed(), plan);
            OrderTarget target = OrderTarget.create(stack.deployed(), CLIENT_TIMEOUT,
                    "bench" + Long.toHexString(System.nanoTime()), 1_000_000_000);
            ClosedLoopBuyers.run(target, plan.buyers(), plan.warmUp());
            List<ClosedLoop> closedLoops = new ArrayList<>();
            List<CapacityStep> fixedRates = new ArrayList<>();
            List<HarnessUse> harness = new ArrayList<>();
            double harnessRate = plan.fixedRates().get(plan.fixedRates().size() - 1);
            try (SteadyRate rates = new SteadyRate(engine, stack.deployed(), target)) {
                for (int repeat = 1; repeat <= plan.orderRepeats(); repeat++) {
                    progress.accept(String.format("orders, repeat %d of %d:", repeat, plan.orderRepeats()));
                    ClosedLoop closedLoop = ClosedLoopBuyers.run(target, plan.buyers(), plan.phase());
                    closedLoops.add(closedLoop);
                    progress.accept(String.format(Locale.ROOT, "  closed loop, %d buyers: %.1f orders/s, p50 %.0f ms,"
                                    + " p99 %.0f ms, %d failed", closedLoop.buyers(), closedLoop.ordersPerSecond(),
                            closedLoop.p50Ms(), closedLoop.p99Ms(), closedLoop.failed()));
                    for (double rate : plan.fixedRates()) {
                        History history = new History(new RunClock());
                        resetHeapPeak();
                        CapacityStep step = rates.hold(rate, plan.phase(), P99_LIMIT, CLIENT_TIMEOUT, history);
                        fixedRates.add(step);
                        HarnessUse use = new HarnessUse(rate, plan.phase().toNanos() / 1e9, history.operations().size(),
                                step.harnessCores(), checkersCpuMs(history, plan.phase()), heapPeakMiB());
                        progress.accept(String.format(Locale.ROOT, "  %.0f orders/s open loop: %.1f %% ok, %d shed, p50"
                                        + " %.0f ms, p99 %.0f ms; harness %.2f cores, heap peak %.0f MiB", rate,
                                step.availability() * 100, step.load().shed(), step.latency().p50Ms(),
                                step.latency().p99Ms(), use.cores(), use.heapPeakMiB()));
                        if (rate == harnessRate) {
                            harness.add(use);
                        }
                    }
                }
            }
            return BenchReport.judged(profile.id(), Runtime.getRuntime().availableProcessors(), started, plan.quick(),
                    readySeconds, proxy, closedLoops, fixedRates, harness);
        }
    }

    private LaunchedStack launch(Topology topology, int launch, BenchPlan plan) {
        progress.accept(String.format("launch %d of %d (%s):", launch, plan.launches(), topology.profile().id()));
        LaunchedStack stack = engine.launch(topology, false, progress);
        progress.accept(String.format(Locale.ROOT, "stack ready in %.1f s", seconds(stack.timeToReady())));
        return stack;
    }

    /** The CPU this thread takes to judge the phase's orders as a scenario run judges them. */
    private static double checkersCpuMs(History history, Duration phase) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadCpuTime();
        List<Operation> orders = history.operations(OrderWorkload.TYPE);
        long end = history.clock().now();
        LatencySummary.of(orders);
        OfferedLoad.of(orders, phase.toNanos() / 1e9);
        PhaseAvailability.of(orders, history.faults(), end);
        FailedOperations.of(orders, 0);
        return (threads.getCurrentThreadCpuTime() - before) / 1e6;
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    /** Forgets the heap's peaks, so that {@link #heapPeakMiB} counts from now. */
    private static void resetHeapPeak() {
        heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /** The JVM's own peak of each heap pool since the reset, summed: at most this much heap was in use. */
    private static double heapPeakMiB() {
        return heapPools().stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum() / MIB;
    }

    private static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP).toList();
    }
}
