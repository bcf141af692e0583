package pretix.resilience.report;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import pretix.resilience.slo.Slo;
import pretix.resilience.slo.SloResult;

/**
 * The operation report's SLA (section 2.1) dimension by dimension: the objectives the scenario
 * set in it, what every repeat measured, and the verdict. A dimension without an objective still
 * shows its measurement, judged as "no objective".
 */
public final class SlaCompliance {

    /** One dimension: its objectives' targets, the measurements per repeat, and met / missed / no objective. */
    public record Row(String dimension, String targets, String measured, String verdict) {}

    /** What a dimension shows when the scenario set no objective in it. */
    private static final Map<Slo.Dimension, Slo> MEASURE_ONLY = Map.of(
            Slo.Dimension.MEMORY, new Slo.MemoryPeak(1),
            Slo.Dimension.LATENCY, new Slo.OrderLatencyMax(Duration.ofDays(1)),
            Slo.Dimension.THROUGHPUT, new Slo.Throughput(0),
            Slo.Dimension.AVAILABILITY, new Slo.AvailabilityUnderFault(0),
            Slo.Dimension.RECOVERY, new Slo.RecoveryTime(Duration.ofDays(1)),
            Slo.Dimension.RELIABILITY, new Slo.LostOrders(Integer.MAX_VALUE));

    private SlaCompliance() {}

    public static List<Row> of(Summary summary) {
        List<Row> rows = new ArrayList<>();
        for (Slo.Dimension dimension : Slo.Dimension.values()) {
            List<SloResult> set = summary.repeats().stream().flatMap(repeat -> repeat.slos().stream())
                    .filter(result -> result.dimension().equals(dimension.title())).toList();
            if (set.isEmpty()) {
                String measured = summary.repeats().stream()
                        .map(repeat -> MEASURE_ONLY.get(dimension).judge(repeat.result()).measured())
                        .collect(Collectors.joining("; "));
                rows.add(new Row(dimension.title(), "none", measured, "no objective"));
                continue;
            }
            String targets = set.stream().map(result -> result.id() + " " + result.target()).distinct()
                    .collect(Collectors.joining("; "));
            String measured = set.stream().map(result -> result.id() + ": " + result.measured())
                    .collect(Collectors.joining("; "));
            rows.add(new Row(dimension.title(), targets, measured,
                    set.stream().allMatch(SloResult::met) ? "met" : "missed"));
        }
        return rows;
    }
}
