package pretix.resilience.slo;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import pretix.resilience.history.OperationKind;
import pretix.resilience.result.LoadLevel;

/**
 * Every kind of objective a scenario file may set: the key it uses, the shape of its value, what
 * it measures, and how the objective is made from the value. The one list that the scenario
 * reader, its error messages and the table of scenarios/README.md follow; a new kind of objective
 * is a record in {@link Slo} and a line here.
 *
 * @param <T> the value the file gives
 */
public final class SloKind<T> {

    /**
     * How a reader of scenario files reads each shape of value; {@code null} when the value is
     * invalid (the reader has said why).
     */
    public interface Values {
        Duration duration();

        /** A percentage, as a fraction. */
        Double fraction();

        Integer count();

        /** A duration for every kind of operation, or {@code {target, operations}} for some. */
        PerOperations perOperations();

        /** {@code true}, the only value an objective that is never negotiable takes. */
        Boolean alwaysTrue();
    }

    /**
     * A bound on some kinds of operation; for {@code heal_disruption}, {@code afterRejoin} counts
     * it from when every tier is complete again instead of from the heal.
     */
    public record PerOperations(Duration bound, Set<OperationKind> operations, boolean afterRejoin) {}

    public static final SloKind<PerOperations> RECOVERY_TIME = new SloKind<>("recovery_time", "duration",
            "per fault and kind of operation, from injection to the first 2 s in which every operation succeeded",
            Values::perOperations, value -> new Slo.RecoveryTime(value.bound(), value.operations()));
    public static final SloKind<PerOperations> HEAL_DISRUPTION = new SloKind<>("heal_disruption", "duration",
            "per fault and kind of operation, from the heal until the last operation sent since then that failed",
            Values::perOperations,
            value -> new Slo.HealDisruption(value.bound(), value.operations(), value.afterRejoin()));
    public static final SloKind<Double> FAILED_ORDERS = new SloKind<>("failed_orders", "percentage",
            "failed + unknown orders among those invoked from the first injection on",
            Values::fraction, Slo.FailedOrders::new);
    public static final SloKind<Integer> LOST_ORDERS = new SloKind<>("lost_orders", "count",
            "acknowledged orders missing on the primary or a standby after catch-up",
            Values::count, Slo.LostOrders::new);
    public static final SloKind<Integer> LOST_WRITES = new SloKind<>("lost_writes", "count",
            "acknowledged probe writes (Redis, PostgreSQL) missing at the end",
            Values::count, Slo.LostWrites::new);
    public static final SloKind<Integer> WRONG_NODE_WRITES = new SloKind<>("wrong_node_writes", "count",
            "probe writes a proxy sent to a replica, which refused them as read-only",
            Values::count, Slo.WrongNodeWrites::new);
    public static final SloKind<Boolean> ORDER_INTEGRITY = new SloKind<>("order_integrity", "`true`",
            "no unexplained order, no oversold quota (always on)",
            Values::alwaysTrue, always -> new Slo.OrderIntegrity());
    public static final SloKind<Duration> SPLIT_BRAIN = new SloKind<>("split_brain", "duration",
            "longest time two nodes of a tier accepted writes",
            Values::duration, Slo.SplitBrain::new);
    public static final SloKind<Duration> REDUNDANCY_RESTORED = new SloKind<>("redundancy_restored", "duration",
            "every tier complete again after the last heal",
            Values::duration, Slo.RedundancyRestored::new);
    public static final SloKind<Duration> REPLICAS_RESTORED = new SloKind<>("replicas_restored", "duration",
            "per fault, from its injection until every tier is complete again once a sample saw one short (on Swarm:"
                    + " the failed task replaced); the slowest fault",
            Values::duration, Slo.ReplicasRestored::new);
    public static final SloKind<Duration> ORDER_LATENCY_MAX = new SloKind<>("order_latency_max", "duration",
            "slowest acknowledged order",
            Values::duration, Slo.OrderLatencyMax::new);
    public static final SloKind<Duration> ORDER_LATENCY_P99 = new SloKind<>("order_latency_p99", "duration",
            "99th percentile of acknowledged orders",
            Values::duration, Slo.OrderLatencyP99::new);
    public static final SloKind<Double> STEADY_AVAILABILITY = new SloKind<>("steady_availability", "percentage",
            "acknowledged orders among those that ended before the first fault",
            Values::fraction, Slo.SteadyAvailability::new);
    public static final SloKind<Double> AVAILABILITY_UNDER_FAULT = new SloKind<>("availability_under_fault",
            "percentage", "acknowledged orders while a fault was in effect",
            Values::fraction, Slo.AvailabilityUnderFault::new);
    public static final SloKind<Double> NORMAL_LOAD_AVAILABILITY = new SloKind<>("normal_load_availability",
            "percentage", "acknowledged orders among those due in each `normal` phase of the load profile (the worst phase)",
            Values::fraction, fraction -> new Slo.LoadAvailability(LoadLevel.NORMAL, fraction));
    public static final SloKind<Double> PEAK_LOAD_AVAILABILITY = new SloKind<>("peak_load_availability",
            "percentage", "acknowledged orders among those due in each `peak` phase of the load profile (the worst phase)",
            Values::fraction, fraction -> new Slo.LoadAvailability(LoadLevel.PEAK, fraction));
    public static final SloKind<Double> THROUGHPUT = new SloKind<>("throughput", "percentage",
            "acknowledged orders per second against the orders per second that were due",
            Values::fraction, Slo.Throughput::new);
    public static final SloKind<Double> MEMORY_PEAK = new SloKind<>("memory_peak", "percentage",
            "the stack's peak memory (sum of every node's working set in one sample, every 2 s) against the"
                    + " Docker host's memory",
            Values::fraction, Slo.MemoryPeak::new);

    /** In the order of the documentation's table. */
    public static final List<SloKind<?>> ALL = List.of(RECOVERY_TIME, HEAL_DISRUPTION, FAILED_ORDERS, LOST_ORDERS,
            LOST_WRITES, WRONG_NODE_WRITES, ORDER_INTEGRITY, SPLIT_BRAIN, REDUNDANCY_RESTORED, REPLICAS_RESTORED,
            ORDER_LATENCY_MAX,
            ORDER_LATENCY_P99, STEADY_AVAILABILITY, AVAILABILITY_UNDER_FAULT, NORMAL_LOAD_AVAILABILITY, PEAK_LOAD_AVAILABILITY,
            THROUGHPUT, MEMORY_PEAK);

    private final String id;
    private final String value;
    private final String measured;
    private final Function<Values, T> read;
    private final Function<T, Slo> create;

    private SloKind(String id, String value, String measured, Function<Values, T> read, Function<T, Slo> create) {
        this.id = id;
        this.value = value;
        this.measured = measured;
        this.read = read;
        this.create = create;
    }

    public String id() {
        return id;
    }

    /** The objective a file's value sets; empty when the value is invalid. */
    public Optional<Slo> read(Values values) {
        return Optional.ofNullable(read.apply(values)).map(create);
    }

    public static Optional<SloKind<?>> byId(String id) {
        return ALL.stream().filter(kind -> kind.id.equals(id)).findFirst();
    }

    public static List<String> ids() {
        return ALL.stream().map(SloKind::id).toList();
    }

    /** The table of objectives in scenarios/README.md: id, shape of the value, what is measured. */
    public static String table() {
        StringBuilder table = new StringBuilder("| id | value | measured |\n|---|---|---|\n");
        ALL.forEach(kind -> table.append("| `").append(kind.id).append("` | ").append(kind.value).append(" | ")
                .append(kind.measured).append(" |\n"));
        return table.toString();
    }
}
