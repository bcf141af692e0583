package pretix.resilience.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.LongToDoubleFunction;
import java.util.stream.Collectors;
import pretix.resilience.check.FailedOperations;
import pretix.resilience.check.FaultRecovery;
import pretix.resilience.check.LatencySummary;
import pretix.resilience.check.OfferedLoad;
import pretix.resilience.check.LostWrites;
import pretix.resilience.check.MemoryUse;
import pretix.resilience.check.OrderIntegrity;
import pretix.resilience.check.PhaseAvailability;
import pretix.resilience.check.Redundancy;
import pretix.resilience.check.Settled;
import pretix.resilience.check.SingleWriter;
import pretix.resilience.check.WrongNodeWrites;
import pretix.resilience.client.PretixClient;
import pretix.resilience.client.Quickstart;
import pretix.resilience.engine.Engine;
import pretix.resilience.fault.Fault;
import pretix.resilience.fault.Nemesis;
import pretix.resilience.history.FaultEvent;
import pretix.resilience.history.History;
import pretix.resilience.history.Operation;
import pretix.resilience.history.OperationKind;
import pretix.resilience.history.Outcome;
import pretix.resilience.history.RoleSample;
import pretix.resilience.history.RunClock;
import pretix.resilience.result.Aborted;
import pretix.resilience.result.RunPlan;
import pretix.resilience.result.RunResult;
import pretix.resilience.roles.PgpoolView;
import pretix.resilience.roles.RoleObserver;
import pretix.resilience.roles.RoleSampler;
import pretix.resilience.roles.RoleSnapshot;
import pretix.resilience.scenario.Step;
import pretix.resilience.stack.DeployedNode;
import pretix.resilience.stack.DeployedStack;
import pretix.resilience.stack.HostPort;
import pretix.resilience.stack.NodeClients;
import pretix.resilience.stack.Tier;
import pretix.resilience.stack.Topology;
import pretix.resilience.workload.OrderTarget;
import pretix.resilience.workload.OrderWorkload;
import pretix.resilience.workload.PostgresWriteProbe;
import pretix.resilience.workload.RedisWriteProbe;

/**
 * One resilience run on a running stack, as Jepsen splits it: buyers and write probes (the
 * clients) load the stack, the nemesis injects and heals the timeline's faults, a sampler
 * records who can write, and after the last heal the checkers judge the history and the final
 * state. Writes {@code history.jsonl} and {@code result.json} to the report directory.
 */
public final class ResilienceRun {

    private static final Duration SAMPLE_INTERVAL = Duration.ofMillis(250);
    /** How long the steady state may wait for a node that was late to answer the health sampler. */
    private static final Duration STEADY_TIERS_BOUND = Duration.ofSeconds(30);
    private static final Duration MEMORY_INTERVAL = Duration.ofSeconds(2);
    private static final Duration CATCH_UP = Duration.ofSeconds(30);
    private final Engine engine;
    private final Topology topology;
    private final String stackId;
    private final RunPlan plan;
    private final long seed;
    private final Consumer<String> progress;
    /** The run's own, over connections kept for the run: the gate and the final state ask every second or faster. */
    private RoleObserver observer;
    private boolean steadyStateRequired;
    private Interruption interruption = Interruption.NONE;
    private CleanStackGate gate;
    /** When the timeline's offsets count from, on the run's clock: the load profile's start. */
    private volatile long timelineStart = Long.MAX_VALUE;

    public ResilienceRun(Engine engine, Topology topology, String stackId, RunPlan plan, long seed,
                         Consumer<String> progress) {
        this.engine = engine;
        this.topology = topology;
        this.stackId = stackId;
        this.plan = plan;
        this.seed = seed;
        this.progress = progress;
    }

    /**
     * Gives up before the first fault when an order of the steady state has already failed: a
     * stack an earlier run left degraded in a way its tiers' health does not show (a client pool
     * still bound to a demoted master, say) would blame the next fault for it.
     */
    public ResilienceRun requiringSteadyState() {
        this.steadyStateRequired = true;
        return this;
    }

    /**
     * Honours a stop request at the run's next wait: the load and probes stop, the faults in
     * effect are healed (or left, if the interruption says so), and what was recorded is saved
     * and judged, in a result marked {@link RunResult#aborted()}. With the faults left in effect
     * the run saves its history and logs only, and throws {@link Interruption.Stop}.
     */
    public ResilienceRun stoppableBy(Interruption interruption) {
        this.interruption = interruption;
        return this;
    }

    public RunResult execute(String name, List<Step> timeline, Path reportDirectory) throws Exception {
        DeployedStack stack = engine.stack(stackId);
        try (RoleObserver kept = RoleObserver.keepingConnections(engine, stack.clients())) {
            observer = kept;
            return execute(name, timeline, reportDirectory, stack);
        }
    }

    private RunResult execute(String name, List<Step> timeline, Path reportDirectory, DeployedStack stack)
            throws Exception {
        gate = new CleanStackGate(observer, topology, plan.redundancyBound(), interruption, progress);
        String run = "r" + Long.toHexString(System.nanoTime());
        History history = new History(new RunClock());
        Quickstart.Event event;
        try {
            event = Quickstart.create(clients(stack).get(0), run, 1_000_000);
        } catch (IllegalStateException refused) {
            // A shop that cannot even set up the run's event (its cache pool still bound to a
            // demoted Redis master, say) is a stack an earlier run left degraded.
            throw new IncompleteStackException("the shop refused to prepare the run's event: " + refused.getMessage());
        }
        long lastHeal = 0;
        long loadStarted;
        long loadEnded;
        Aborted aborted = null;
        List<String> leftBehind;
        try (RoleSampler sampler = new RoleSampler(engine, stack, history, SAMPLE_INTERVAL);
             MemorySampler memory = new MemorySampler(engine, sampler::stack, history, MEMORY_INTERVAL)) {
            // Every run starts from a stack as good as a fresh one, whatever the one before it left behind,
            // and its steady state from a complete one: the watchdogs of a fresh stack may still be
            // connecting (up to 30 s here), and the load meanwhile only slowed that down.
            gate.await(sampler::latestSnapshot);
            gate.awaitWatchdogs(sampler.stack());
            loadStarted = history.clock().now();
            // Read when asked: the timeline's start is set only once the steady state has passed.
            LongToDoubleFunction ordersPerSecondAt = at -> plan.ordersPerSecondAt(at - timelineStart);
            try (ProgressTicker ticker = new ProgressTicker(history,
                    () -> ordersPerSecondAt.applyAsDouble(history.clock().now()), progress);
                 Nemesis nemesis = new Nemesis(engine, topology, sampler::stack, observer, history,
                    new Random(seed));
                 OrderWorkload orders = new OrderWorkload(clients(stack), names(stack, Tier.NGINX), event,
                         plan.arrivals().gaps(ordersPerSecondAt, seed),
                         plan.maxInFlight(), plan.clientTimeout(),
                         history);
                 RedisWriteProbe redis = new RedisWriteProbe(stack.clients(), run,
                         () -> sampler.stack().nodes(Tier.HAPROXY), plan.probeWritesPerSecond(), history);
                 PostgresWriteProbe postgres = new PostgresWriteProbe(stack.clients(), run,
                         () -> sampler.stack().nodes(Tier.PGPOOL), plan.probeWritesPerSecond(), history)) {
                try {
                    lastHeal = playTimeline(timeline, nemesis, history, ticker);
                    ticker.phase("after the heal");
                    observeAfterHeal(name, history, lastHeal);
                } catch (Interruption.Stop stop) {
                    aborted = new Aborted(stop.signal(), history.clock().now() / 1e9, ticker.phase());
                    progress.accept(name + ": " + aborted.describe() + "; stopping the load and the probes");
                    if (interruption.leaveFaults()) {
                        nemesis.leaveInEffect().forEach(fault -> progress.accept("  left in effect: " + fault));
                    } else if (nemesis.inEffect()) {
                        progress.accept("  healing what is in effect");
                    }
                }
            }
            loadEnded = history.clock().now();
            if (aborted == null) {
                awaitRedundancy(history, lastHeal);
            } else {
                // Whatever was in effect was healed as the load stopped.
                lastHeal = loadEnded;
            }
            leftBehind = aborted != null && interruption.leaveFaults() ? List.of()
                    : observer.observe(sampler.stack(), false).problems(topology);
        }
        Files.createDirectories(reportDirectory);
        history.writeJsonl(RunFiles.history(reportDirectory));
        keepLogs(history, reportDirectory.resolve(RunFiles.LOGS));
        if (aborted != null && interruption.leaveFaults()) {
            progress.accept("  saved the history and logs in " + reportDirectory + "; not judged: faults are in effect");
            throw new Interruption.Stop(aborted.signal());
        }
        progress.accept(aborted == null ? name + ": judging the history and the final state"
                : "  judging what was recorded, saving it in " + reportDirectory);
        RunResult result = judge(name, history, event, run, lastHeal, (loadEnded - loadStarted) / 1e9, leftBehind,
                aborted);
        RunFiles.writeResult(reportDirectory, result);
        return result;
    }

    /**
     * The logs, from the run's start, of the nodes a reader of a surprising verdict looks at
     * first: the web tier that answered the buyers, every node a fault hit, and the nodes that
     * watch those ({@link Tier#watchers()}).
     */
    private void keepLogs(History history, Path directory) {
        DeployedStack stack = engine.stack(stackId);
        Set<String> involved = new TreeSet<>(names(stack, Tier.NGINX));
        involved.addAll(names(stack, Tier.SHOP));
        history.faults().stream().map(FaultEvent::node).filter(Objects::nonNull)
                .flatMap(nodes -> Arrays.stream(nodes.split(",\\s*")))
                .filter(name -> stack.nodes().stream().anyMatch(node -> node.name().equals(name)))
                .forEach(name -> {
                    involved.add(name);
                    stack.node(name).tier().watchers().forEach(watcher -> involved.addAll(names(stack, watcher)));
                });
        NodeLogs.keep(engine, stack.nodes().stream().filter(node -> involved.contains(node.name())).toList(),
                history.clock().startedAt(), directory, progress);
    }

    /**
     * After the warm-up and the check of the steady state, injects each step at its offset and
     * heals it {@code heldFor} after its injection was recorded, so that a fault lasts as long as
     * its file says however long the checks before it took; returns when the last fault was healed.
     */
    private long playTimeline(List<Step> timeline, Nemesis nemesis, History history, ProgressTicker ticker)
            throws Exception {
        record Event(long atNanos, Step step, Nemesis.ActiveFault toHeal) {}
        interruption.pause(plan.warmUp());
        if (steadyStateRequired) {
            checkSteadyState(history);
        }
        long start = history.clock().now();
        timelineStart = start;
        ticker.phase("timeline, no fault yet");
        if (!plan.load().isEmpty()) {
            progress.accept("  load profile: " + plan.load().describe());
        }
        PriorityQueue<Event> events = new PriorityQueue<>(Comparator.comparingLong(Event::atNanos));
        for (Step step : Step.schedule(timeline, new Random(seed))) {
            events.add(new Event(start + step.at().toNanos(), step, null));
        }
        long lastHeal = start;
        while (!events.isEmpty()) {
            Event event = events.poll();
            interruption.pause(event.atNanos() - history.clock().now());
            Fault fault = event.step().fault();
            if (event.toHeal() == null) {
                Nemesis.ActiveFault injected = nemesis.inject(fault);
                progress.accept("  injected " + fault.describe() + " -> " + injected.hit());
                ticker.phase("faulted: " + fault.describe());
                long injectedAt = history.faults().get(injected.historyIndex()).injectedNanos();
                events.add(new Event(injectedAt + event.step().heldFor().toNanos(), event.step(), injected));
            } else {
                nemesis.heal(event.toHeal());
                lastHeal = history.clock().now();
                progress.accept("  healed " + fault.describe());
                ticker.phase("healed: " + fault.describe());
            }
        }
        return lastHeal;
    }

    /**
     * Every order and probe write of the steady state succeeded and, within the bound, a sample
     * sees each tier complete: a stack an earlier run left degraded in a way the gate could not
     * see (a client pool bound to a demoted master shows only when its connection is used) fails
     * here. An earlier sample that found a node late to answer (a busy machine) does not count:
     * the first fault meets the stack as the last sample saw it.
     */
    private void checkSteadyState(History history) throws InterruptedException {
        List<Operation> failed = history.operations().stream().filter(operation -> !operation.ok()).toList();
        if (!failed.isEmpty()) {
            Operation first = failed.get(0);
            throw new IncompleteStackException(failed.size() + " operations failed before the first fault (first: "
                    + first.type() + " through " + first.node() + ": " + first.error()
                    + "): the stack is not in a steady state");
        }
        long now = history.clock().now();
        if (!awaitComplete(history, now, now + STEADY_TIERS_BOUND.toNanos())) {
            throw new IncompleteStackException("a tier was incomplete for " + STEADY_TIERS_BOUND.toSeconds()
                    + " s before the first fault, healthy per tier: " + lastHealthy(history, now) + ", expected "
                    + expected() + ": the stack is not in a steady state");
        }
    }

    /**
     * Observes the stack after the last heal for the plan's time, or, when the plan allows, until
     * it has settled ({@link AfterHealObservation}): a run whose heal disturbed nothing does not
     * watch an idle stack for long, one still disturbed or slow to rejoin is watched in full.
     */
    private void observeAfterHeal(String name, History history, long lastHeal) throws InterruptedException {
        long profileEnd = timelineStart + plan.load().length().toNanos();
        if (!plan.afterHealUntilSettled()) {
            progress.accept(String.format("%s: observing %d s after the heal", name, plan.afterHeal().toSeconds()));
            interruption.pause(plan.afterHeal());
            awaitTheProfilesEnd(name, history, profileEnd);
            return;
        }
        progress.accept(String.format("%s: observing after the heal until the stack has settled (at least %d s,"
                + " at most %d s after every tier is complete again)", name, plan.afterHealAtLeast().toSeconds(),
                plan.afterHeal().toSeconds()));
        AfterHealObservation observation = new AfterHealObservation(lastHeal, plan.afterHealAtLeast(),
                plan.afterHeal(), plan.redundancyBound());
        while (true) {
            long now = history.clock().now();
            if (observation.over(now, complete(lastHealthy(history, lastHeal)),
                    Settled.at(history.operations(), lastHeal, now, plan.stability(), List.of(OperationKind.values())))) {
                progress.accept(String.format("%s: observed %.1f s after the heal", name, (now - lastHeal) / 1e9));
                awaitTheProfilesEnd(name, history, profileEnd);
                return;
            }
            interruption.pause(SAMPLE_INTERVAL);
        }
    }

    private void awaitTheProfilesEnd(String name, History history, long profileEnd) throws InterruptedException {
        long left = profileEnd - history.clock().now();
        if (left > 0) {
            progress.accept(String.format("%s: the load profile goes on for %.1f s", name, left / 1e9));
            interruption.pause(left);
        }
    }

    /** Waits until a sample shows every tier complete, at most the plan's bound from the heal; false if none did. */
    private boolean awaitRedundancy(History history, long lastHeal) throws InterruptedException {
        return awaitComplete(history, lastHeal, lastHeal + plan.redundancyBound().toNanos());
    }

    /** Waits until a sample observed from {@code sinceNanos} on shows every tier complete; false if none did by the deadline. */
    private boolean awaitComplete(History history, long sinceNanos, long deadlineNanos) throws InterruptedException {
        while (history.clock().now() < deadlineNanos) {
            if (complete(lastHealthy(history, sinceNanos))) {
                return true;
            }
            Thread.sleep(SAMPLE_INTERVAL.toMillis());
        }
        return false;
    }

    /** The last sample's healthy nodes per tier, if observed from {@code sinceNanos} on; else none. */
    private static Map<String, Integer> lastHealthy(History history, long sinceNanos) {
        List<RoleSample> samples = history.samples();
        if (samples.isEmpty()) {
            return Map.of();
        }
        RoleSample last = samples.get(samples.size() - 1);
        return last.healthObservedSince(sinceNanos) ? last.healthy() : Map.of();
    }

    private boolean complete(Map<String, Integer> healthy) {
        return expected().entrySet().stream()
                .allMatch(tier -> healthy.getOrDefault(tier.getKey(), 0) >= tier.getValue());
    }

    private Map<String, Integer> expected() {
        Map<String, Integer> expected = new LinkedHashMap<>();
        for (Tier tier : Tier.values()) {
            expected.put(tier.image(), topology.count(tier));
        }
        return expected;
    }

    private RunResult judge(String name, History history, Quickstart.Event event, String run, long lastHeal,
                            double loadSeconds, List<String> leftBehind, Aborted aborted)
            throws Exception {
        long end = history.clock().now();
        DeployedStack stack = engine.stack(stackId);
        String primary = finalPrimary(stack);
        HostPort primaryPort = stack.node(primary).servicePort();
        List<Operation> orders = history.operations(OrderWorkload.TYPE);
        List<String> unknownKeys = orders.stream().filter(order -> order.outcome() == Outcome.UNKNOWN)
                .map(Operation::key).toList();
        NodeClients clients = stack.clients();
        OrderIntegrity integrity = OrderIntegrity.of(orders, FinalState.reconcile(clients, primaryPort, unknownKeys),
                primary, FinalState.orderCodes(stack, primary, event.slug(), CATCH_UP),
                FinalState.quotas(clients, primaryPort, event.slug()));
        LostWrites redisWrites = LostWrites.of(history.operations(RedisWriteProbe.TYPE),
                RedisWriteProbe.finalState(clients, run, stack.nodes(Tier.HAPROXY).get(0).servicePort()));
        LostWrites postgresWrites = LostWrites.of(history.operations(PostgresWriteProbe.TYPE),
                PostgresWriteProbe.finalState(clients, run, primaryPort));
        List<FaultEvent> faults = history.faults();
        return new RunResult(name, stack.profile().id(), seed, plan, history.clock().startedAt(), end / 1e9, loadSeconds,
                FaultRecovery.of(history.operations(), faults, plan.stability(), end),
                orders.stream().collect(Collectors.groupingBy(
                        order -> order.outcome().id(), LinkedHashMap::new, Collectors.counting())),
                PhaseAvailability.of(orders, faults, end),
                plan.load().availability(orders, timelineStart, end),
                PhaseAvailability.steadyState(orders, faults.isEmpty() ? end : faults.get(0).injectedNanos()),
                LatencySummary.of(orders), integrity, redisWrites,
                postgresWrites, WrongNodeWrites.of(history.operations(RedisWriteProbe.TYPE),
                        history.operations(PostgresWriteProbe.TYPE)), SingleWriter.of(history.samples(), end),
                Redundancy.of(history.samples(), expected(), lastHeal,
                        faults.stream().map(FaultEvent::injectedNanos).toList()),
                MemoryUse.of(history.memorySamples(), engine.memoryBytes()),
                FailedOperations.of(history.operations(), faults.isEmpty() ? 0 : faults.get(0).injectedNanos()),
                leftBehind, aborted, OfferedLoad.of(orders, loadSeconds));
    }

    /**
     * The primary the final state is read from: the one every pgpool names once a former primary
     * has fenced itself (within the catch-up bound), else the one the pgpools route to.
     */
    private String finalPrimary(DeployedStack stack) throws InterruptedException {
        long deadline = System.nanoTime() + CATCH_UP.toNanos();
        RoleSnapshot roles = observer.observe(stack, false);
        while (roles.agreedPostgresPrimary().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(SAMPLE_INTERVAL.toMillis());
            roles = observer.observe(stack, false);
        }
        RoleSnapshot last = roles;
        return roles.agreedPostgresPrimary()
                .or(() -> last.pgpools().stream().filter(PgpoolView::reachable).map(PgpoolView::primary)
                        .flatMap(Optional::stream).filter(last.postgresPrimaries()::contains).findFirst())
                .or(() -> last.postgresPrimaries().stream().findFirst())
                .orElseThrow(() -> new IllegalStateException("no PostgreSQL primary after the run: " + last.postgres()));
    }

    private List<PretixClient> clients(DeployedStack stack) {
        return OrderTarget.clients(stack, plan.clientTimeout());
    }

    private static List<String> names(DeployedStack stack, Tier tier) {
        return stack.nodes(tier).stream().map(DeployedNode::name).toList();
    }
}
