package pretix.resilience.check;

import java.util.List;
import org.HdrHistogram.Histogram;
import pretix.resilience.history.Operation;

/**
 * Latency percentiles of acknowledged operations, in milliseconds, from each operation's intended
 * start (see {@link Operation}); {@code p999Ms} is 0 in results recorded before it was measured.
 */
public record LatencySummary(long count, double p50Ms, double p90Ms, double p99Ms, double p999Ms, double maxMs) {

    private static final long HIGHEST_MICROS = 3_600_000_000L;

    public static LatencySummary of(List<Operation> operations) {
        Histogram histogram = new Histogram(HIGHEST_MICROS, 3);
        operations.stream().filter(Operation::ok)
                .forEach(operation -> histogram.recordValue(Math.min(HIGHEST_MICROS, operation.latencyNanos() / 1000)));
        return new LatencySummary(histogram.getTotalCount(), millis(histogram.getValueAtPercentile(50)),
                millis(histogram.getValueAtPercentile(90)), millis(histogram.getValueAtPercentile(99)),
                millis(histogram.getValueAtPercentile(99.9)), millis(histogram.getMaxValue()));
    }

    private static double millis(long micros) {
        return micros / 1000.0;
    }
}
