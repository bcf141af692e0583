package pretix.resilience.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;
import pretix.resilience.history.FaultEvent;
import pretix.resilience.history.History;
import pretix.resilience.history.Operation;
import pretix.resilience.history.Outcome;
import pretix.resilience.history.RoleSample;
import pretix.resilience.workload.OrderWorkload;

/**
 * A run's orders per second of the run (by invocation): acknowledged, failed, unknown, and the
 * latency percentiles of the acknowledged; the faults' spans and the moments the writer changed.
 */
public record TimeSeries(List<Double> seconds, List<Integer> ok, List<Integer> failed, List<Integer> unknown,
                         List<Double> p50Ms, List<Double> p99Ms, List<Span> faults, List<Mark> roleChanges) {

    /** A fault from injection to heal, in seconds of the run; {@code to} null when never healed. */
    public record Span(String label, double from, Double to) {}

    /** A moment something changed, in seconds of the run. */
    public record Mark(String label, double at) {}

    private static final long SECOND = 1_000_000_000L;

    public static TimeSeries of(History history) {
        List<Operation> orders = history.operations(OrderWorkload.TYPE);
        Map<Long, List<Operation>> bySecond = orders.stream()
                .collect(Collectors.groupingBy(order -> order.invokeNanos() / SECOND));
        long buckets = bySecond.keySet().stream().mapToLong(Long::longValue).max().orElse(0) + 1;
        List<Double> seconds = new ArrayList<>();
        List<Integer> ok = new ArrayList<>();
        List<Integer> failed = new ArrayList<>();
        List<Integer> unknown = new ArrayList<>();
        List<Double> p50 = new ArrayList<>();
        List<Double> p99 = new ArrayList<>();
        for (long second = 0; second < buckets; second++) {
            List<Operation> invoked = bySecond.getOrDefault(second, List.of());
            seconds.add((double) second);
            ok.add(count(invoked, Outcome.OK));
            failed.add(count(invoked, Outcome.FAIL));
            unknown.add(count(invoked, Outcome.UNKNOWN));
            Histogram latency = new Histogram(3);
            invoked.stream().filter(Operation::ok).forEach(order -> latency.recordValue(order.latencyNanos() / 1000));
            p50.add(latency.getTotalCount() == 0 ? null : latency.getValueAtPercentile(50) / 1000.0);
            p99.add(latency.getTotalCount() == 0 ? null : latency.getValueAtPercentile(99) / 1000.0);
        }
        List<Span> faults = history.faults().stream().map(TimeSeries::span).toList();
        return new TimeSeries(seconds, ok, failed, unknown, p50, p99, faults, roleChanges(history.samples()));
    }

    private static Span span(FaultEvent fault) {
        return new Span(fault.describe() + " → " + fault.node(), fault.injectedNanos() / (double) SECOND,
                fault.healedNanos() == null ? null : fault.healedNanos() / (double) SECOND);
    }

    /** Every sample at which the PostgreSQL primaries or the writable Redis masters differ from the sample before. */
    private static List<Mark> roleChanges(List<RoleSample> samples) {
        List<Mark> marks = new ArrayList<>();
        for (int i = 1; i < samples.size(); i++) {
            RoleSample before = samples.get(i - 1);
            RoleSample now = samples.get(i);
            double at = now.atNanos() / (double) SECOND;
            if (!Objects.equals(before.postgresPrimaries(), now.postgresPrimaries())) {
                marks.add(new Mark("postgres primary " + now.postgresPrimaries(), at));
            }
            if (!Objects.equals(before.redisWritableMasters(), now.redisWritableMasters())) {
                marks.add(new Mark("redis master " + now.redisWritableMasters(), at));
            }
        }
        return marks;
    }

    private static int count(List<Operation> operations, Outcome outcome) {
        return (int) operations.stream().filter(operation -> operation.outcome() == outcome).count();
    }
}
