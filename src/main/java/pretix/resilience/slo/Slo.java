package pretix.resilience.slo;

import java.time.Duration;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import pretix.resilience.check.Disruption;
import pretix.resilience.history.OperationKind;
import pretix.resilience.check.MemoryUse;
import pretix.resilience.check.PhaseAvailability;
import pretix.resilience.check.FaultRecovery;
import pretix.resilience.result.LoadLevel;
import pretix.resilience.result.RunResult;

/**
 * One service-level objective: a target on one figure of a run, judged from the run's measured
 * result. Each belongs to one of the SLA's dimensions (section 2.1 of the operation report).
 */
public sealed interface Slo {

    /** The key a scenario file uses for this objective. */
    String id();

    Dimension dimension();

    /** The target in words, with its unit: "≤ 5000 ms". */
    String target();

    SloResult judge(RunResult run);

    /** The SLA dimensions of the operation report's section 2.1. */
    enum Dimension {
        MEMORY("memory capacity"), LATENCY("operation latency"), THROUGHPUT("data transfer throughput"),
        AVAILABILITY("availability percentage"), RECOVERY("recovery time"), RELIABILITY("reliability");

        private final String title;

        Dimension(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    /**
     * Every fault recovered within {@code bound} on every kind of operation listed, recovery time
     * as docs/definitions.md defines it.
     */
    record RecoveryTime(Duration bound, Set<OperationKind> operations) implements Slo {
        public RecoveryTime(Duration bound) {
            this(bound, EnumSet.allOf(OperationKind.class));
        }

        public String id() {
            return SloKind.RECOVERY_TIME.id();
        }

        public Dimension dimension() {
            return Dimension.RECOVERY;
        }

        public String target() {
            return "≤ " + bound.toMillis() + " ms per fault, on " + Worst.names(operations);
        }

        public SloResult judge(RunResult run) {
            return Worst.of(run.faults(), operations, Disruption::recoveryMs).judge(this, bound, "no fault",
                    slowest -> "not recovered from " + slowest.describe() + " before the run ended");
        }
    }

    /**
     * After every heal, newly sent operations of every kind listed all succeeded within
     * {@code bound}: a stack that fails again while a healed node rejoins (a thawed master that
     * still takes clients, say) has a second outage, which recovery time does not see.
     */
    record HealDisruption(Duration bound, Set<OperationKind> operations, boolean afterRejoin) implements Slo {
        public HealDisruption(Duration bound) {
            this(bound, EnumSet.allOf(OperationKind.class), false);
        }

        public String id() {
            return SloKind.HEAL_DISRUPTION.id();
        }

        public Dimension dimension() {
            return Dimension.RECOVERY;
        }

        public String target() {
            return "≤ " + bound.toMillis() + " ms after " + (afterRejoin ? "every tier is complete again" : "each heal")
                    + ", on " + Worst.names(operations);
        }

        /**
         * Judged from the heal, or, after the rejoin, against the time every tier took to be
         * complete again plus the bound: a disruption while a healed node rejoins is then allowed,
         * one after the stack is complete again is not.
         */
        public SloResult judge(RunResult run) {
            Worst.Of longest = Worst.of(run.faults().stream().filter(fault -> fault.healedMs() != null).toList(),
                    operations, Disruption::healDisruptionMs);
            Function<Worst, String> unsettled = worst -> "still disrupted after the heal of " + worst.describe()
                    + " when the run ended";
            if (!afterRejoin) {
                return longest.judge(this, bound, "no healed fault", unsettled);
            }
            Long restored = run.redundancy().restoredAfterHealMs();
            if (restored == null) {
                return longest.worst().isEmpty() ? SloResult.of(this, "no healed fault", true)
                        : SloResult.of(this, "the tiers were not complete again when the run ended", false);
            }
            SloResult judged = longest.judge(this, bound.plusMillis(restored), "no healed fault", unsettled);
            return SloResult.of(this, judged.measured() + ", every tier complete again " + restored
                    + " ms after the heal", judged.met());
        }
    }

    /** Failed plus unknown orders among those invoked from the first injection on. */
    record FailedOrders(double fraction) implements Slo {
        public String id() {
            return SloKind.FAILED_ORDERS.id();
        }

        public Dimension dimension() {
            return Dimension.AVAILABILITY;
        }

        public String target() {
            return "≤ " + Figures.format(fraction) + " of orders under fault";
        }

        public SloResult judge(RunResult run) {
            double measured = run.failedOrderFractionUnderFault();
            int failed = run.faults().stream().mapToInt(fault -> fault.failedOrders() + fault.unknownOrders()).sum();
            int orders = run.faults().stream().mapToInt(FaultRecovery::orders).sum();
            return SloResult.of(this, Figures.format(measured) + " (" + failed + " of " + orders + ")",
                    measured <= fraction + 1e-12);
        }
    }

    /** Acknowledged orders missing on the primary or on a standby after catch-up. */
    record LostOrders(int atMost) implements Slo {
        public String id() {
            return SloKind.LOST_ORDERS.id();
        }

        public Dimension dimension() {
            return Dimension.RELIABILITY;
        }

        public String target() {
            return "≤ " + atMost + " acknowledged orders lost";
        }

        public SloResult judge(RunResult run) {
            int lost = run.orders().lost().size();
            int onStandbys = run.orders().lostOnStandbys();
            return SloResult.of(this, lost + " of " + run.orders().acknowledged() + " on the primary, " + onStandbys
                    + " on standbys", lost <= atMost && onStandbys <= atMost);
        }
    }

    /** Acknowledged probe writes (Redis through HAProxy, PostgreSQL through pgpool) absent at the end. */
    record LostWrites(int atMost) implements Slo {
        public String id() {
            return SloKind.LOST_WRITES.id();
        }

        public Dimension dimension() {
            return Dimension.RELIABILITY;
        }

        public String target() {
            return "≤ " + atMost + " acknowledged writes lost";
        }

        public SloResult judge(RunResult run) {
            int redis = run.redisWrites().lost().size();
            int postgres = run.postgresWrites().lost().size();
            return SloResult.of(this, "Redis " + redis + " of " + run.redisWrites().acknowledged() + ", PostgreSQL "
                    + postgres + " of " + run.postgresWrites().acknowledged(), redis + postgres <= atMost);
        }
    }

    /** Probe writes a proxy sent to a replica, which refused them as read-only. */
    record WrongNodeWrites(int atMost) implements Slo {
        public String id() {
            return SloKind.WRONG_NODE_WRITES.id();
        }

        public Dimension dimension() {
            return Dimension.RELIABILITY;
        }

        public String target() {
            return "≤ " + atMost + " writes sent to a replica";
        }

        public SloResult judge(RunResult run) {
            var refused = run.wrongNodeWrites();
            return SloResult.of(this, "Redis " + refused.redis() + ", PostgreSQL " + refused.postgres(),
                    refused.redis() + refused.postgres() <= atMost);
        }
    }

    /** No duplicate or unexplained order and no oversold quota: never negotiable, so no target to set. */
    record OrderIntegrity() implements Slo {
        public String id() {
            return SloKind.ORDER_INTEGRITY.id();
        }

        public Dimension dimension() {
            return Dimension.RELIABILITY;
        }

        public String target() {
            return "no unexplained order, no oversold quota";
        }

        public SloResult judge(RunResult run) {
            var orders = run.orders();
            return SloResult.of(this, orders.unexplained().size() + " unexplained, " + orders.oversold().size()
                    + " oversold quotas, " + orders.unknown() + " unknown reconciled ("
                    + orders.unknownCommitted() + " committed)", orders.unexplained().isEmpty() && orders.oversold().isEmpty());
        }
    }

    /** The longest time two nodes of one tier accepted writes at once. */
    record SplitBrain(Duration bound) implements Slo {
        public String id() {
            return SloKind.SPLIT_BRAIN.id();
        }

        public Dimension dimension() {
            return Dimension.RELIABILITY;
        }

        public String target() {
            return "≤ " + bound.toMillis() + " ms with two writers";
        }

        public SloResult judge(RunResult run) {
            long longest = run.singleWriter().longestSplitBrainMs();
            return SloResult.of(this, longest + " ms longest, " + run.singleWriter().splitBrains().size() + " windows",
                    run.singleWriter().splitBrains().isEmpty() || longest <= bound.toMillis() && bound.toMillis() > 0);
        }
    }

    /** Every tier back at its replica count after the last heal. */
    record RedundancyRestored(Duration bound) implements Slo {
        public String id() {
            return SloKind.REDUNDANCY_RESTORED.id();
        }

        public Dimension dimension() {
            return Dimension.RECOVERY;
        }

        public String target() {
            return "every tier complete ≤ " + bound.toMillis() + " ms after the heal";
        }

        public SloResult judge(RunResult run) {
            Long restored = run.redundancy().restoredAfterHealMs();
            return restored == null
                    ? SloResult.of(this, "never; lowest " + run.redundancy().lowest(), false)
                    : SloResult.of(this, restored + " ms", restored <= bound.toMillis());
        }
    }

    /**
     * Every tier back at its replica count within {@code bound} of each fault's injection: on Swarm,
     * the time it takes to replace a failed task, whatever the scenario's heal does.
     */
    record ReplicasRestored(Duration bound) implements Slo {
        public String id() {
            return SloKind.REPLICAS_RESTORED.id();
        }

        public Dimension dimension() {
            return Dimension.RECOVERY;
        }

        public String target() {
            return "every tier complete ≤ " + bound.toMillis() + " ms after each fault's injection";
        }

        public SloResult judge(RunResult run) {
            Long restored = run.redundancy().restoredAfterFaultMs();
            return restored == null
                    ? SloResult.of(this, "never; lowest " + run.redundancy().lowest(), false)
                    : SloResult.of(this, restored + " ms (the slowest fault)", restored <= bound.toMillis());
        }
    }

    /** The slowest acknowledged order (the seed SLA's "maximum response time" of a purchase). */
    record OrderLatencyMax(Duration bound) implements Slo {
        public String id() {
            return SloKind.ORDER_LATENCY_MAX.id();
        }

        public Dimension dimension() {
            return Dimension.LATENCY;
        }

        public String target() {
            return "≤ " + bound.toMillis() + " ms per acknowledged order";
        }

        public SloResult judge(RunResult run) {
            double max = run.orderLatency().maxMs();
            return SloResult.of(this, Figures.millis(max) + " max, p99 " + Figures.millis(run.orderLatency().p99Ms()),
                    max <= bound.toMillis());
        }
    }

    /** The 99th percentile of acknowledged orders' latency over the whole run. */
    record OrderLatencyP99(Duration bound) implements Slo {
        public String id() {
            return SloKind.ORDER_LATENCY_P99.id();
        }

        public Dimension dimension() {
            return Dimension.LATENCY;
        }

        public String target() {
            return "p99 ≤ " + bound.toMillis() + " ms";
        }

        public SloResult judge(RunResult run) {
            double p99 = run.orderLatency().p99Ms();
            return SloResult.of(this, Figures.millis(p99) + " p99", p99 <= bound.toMillis());
        }
    }

    /** Acknowledged orders over the orders of the steady state: those that ended before the first fault. */
    record SteadyAvailability(double fraction) implements Slo {
        public String id() {
            return SloKind.STEADY_AVAILABILITY.id();
        }

        public Dimension dimension() {
            return Dimension.AVAILABILITY;
        }

        public String target() {
            return "≥ " + Figures.format(fraction) + " before the first fault";
        }

        public SloResult judge(RunResult run) {
            PhaseAvailability steady = run.steadyState();
            return SloResult.of(this, Figures.format(steady.availability()) + " (" + steady.ok() + " of "
                    + steady.invoked() + ")", steady.availability() >= fraction - 1e-12);
        }
    }

    /** Acknowledged orders over all invoked while a fault was in effect. */
    record AvailabilityUnderFault(double fraction) implements Slo {
        public String id() {
            return SloKind.AVAILABILITY_UNDER_FAULT.id();
        }

        public Dimension dimension() {
            return Dimension.AVAILABILITY;
        }

        public String target() {
            return "≥ " + Figures.format(fraction) + " while faulted";
        }

        public SloResult judge(RunResult run) {
            int invoked = 0;
            int ok = 0;
            for (PhaseAvailability phase : run.orderPhases()) {
                if (phase.kind() == PhaseAvailability.Kind.DURING) {
                    invoked += phase.invoked();
                    ok += phase.ok();
                }
            }
            double measured = invoked == 0 ? 1 : ok / (double) invoked;
            return SloResult.of(this, Figures.format(measured) + " (" + ok + " of " + invoked + ")",
                    measured >= fraction - 1e-12);
        }
    }

    /**
     * Acknowledged orders over those due in every phase of the load profile at {@code level},
     * each phase judged on its own (the SLA's promise holds for every peak, not for their
     * average); the worst is reported. Met without such a phase: the run had none to judge.
     */
    record LoadAvailability(LoadLevel level, double fraction) implements Slo {
        public String id() {
            return (level == LoadLevel.PEAK ? SloKind.PEAK_LOAD_AVAILABILITY : SloKind.NORMAL_LOAD_AVAILABILITY).id();
        }

        public Dimension dimension() {
            return Dimension.AVAILABILITY;
        }

        public String target() {
            return "≥ " + Figures.format(fraction) + " in every " + level.id() + " phase of the load";
        }

        public SloResult judge(RunResult run) {
            List<PhaseAvailability> phases = run.loadPhases().stream().filter(phase -> phase.kind() == level.phaseKind())
                    .toList();
            if (phases.isEmpty()) {
                return SloResult.of(this, "no " + level.id() + " phase in the run's load", true);
            }
            PhaseAvailability worst = phases.stream().min(Comparator.comparingDouble(PhaseAvailability::availability))
                    .orElseThrow();
            return SloResult.of(this, Figures.format(worst.availability()) + " (" + worst.ok() + " of " + worst.invoked()
                    + ", " + worst.shed() + " shed) in " + worst.phase() + (phases.size() > 1 ? ", the worst of "
                    + phases.size() + " " + level.id() + " phases" : ""), worst.availability() >= fraction - 1e-12);
        }
    }

    /**
     * Acknowledged orders per second over the time the load ran, against the orders per second
     * that were due (the rate the workload offered, a load profile's phases included).
     */
    record Throughput(double fractionOfOffered) implements Slo {
        public String id() {
            return SloKind.THROUGHPUT.id();
        }

        public Dimension dimension() {
            return Dimension.THROUGHPUT;
        }

        public String target() {
            return "≥ " + Figures.format(fractionOfOffered) + " of the offered order rate";
        }

        public SloResult judge(RunResult run) {
            long ok = run.orderOutcomes().getOrDefault("ok", 0L);
            double perSecond = run.loadSeconds() == 0 ? 0 : ok / run.loadSeconds();
            // Results recorded before arrivals were open loop offered the plan's constant rate.
            double offered = run.orderLoad() == null ? run.plan().ordersPerSecond() : run.orderLoad().offeredPerSecond();
            return SloResult.of(this, Figures.rate(perSecond) + " orders/s of " + Figures.rate(offered) + " offered",
                    perSecond >= offered * fractionOfOffered);
        }
    }

    /** The stack's peak memory (the largest sum of one sample's working sets) against the Docker host's memory. */
    record MemoryPeak(double fractionOfHost) implements Slo {
        public String id() {
            return SloKind.MEMORY_PEAK.id();
        }

        public Dimension dimension() {
            return Dimension.MEMORY;
        }

        public String target() {
            return "stack ≤ " + Figures.format(fractionOfHost) + " of the Docker host's memory";
        }

        public SloResult judge(RunResult run) {
            MemoryUse memory = run.memory();
            if (!memory.sampled()) {
                return SloResult.of(this, "not sampled", false);
            }
            String largest = memory.largestNode().map(node -> ", largest node " + node.getKey() + " "
                    + Figures.mebibytes(node.getValue())).orElse("");
            return SloResult.of(this, Figures.mebibytes(memory.stackPeakBytes()) + " of "
                    + Figures.mebibytes(memory.hostBytes()) + " = " + Figures.format(memory.stackPeakFractionOfHost())
                    + largest + " (" + memory.samples() + " samples)",
                    memory.stackPeakFractionOfHost() <= fractionOfHost + 1e-12);
        }
    }
}
