package pretix.resilience.report;

import java.util.List;
import java.util.function.DoubleFunction;
import pretix.resilience.result.Median;

/** One figure over a scenario's repeats: its lowest, median and highest value. */
public record Spread(double min, double median, double max) {

    /** Null when no repeat measured the figure (a fault that never recovered has no recovery time). */
    static Spread of(List<Double> values) {
        List<Double> sorted = values.stream().filter(value -> value != null).sorted().toList();
        if (sorted.isEmpty()) {
            return null;
        }
        return new Spread(sorted.get(0), Median.of(sorted.stream().mapToDouble(Double::doubleValue).toArray()),
                sorted.get(sorted.size() - 1));
    }

    /** The median in words, or "none" when no repeat measured the figure. */
    static String orNull(Spread spread, DoubleFunction<String> format) {
        return spread == null ? "none" : format.apply(spread.median());
    }
}
