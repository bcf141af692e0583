package pretix.resilience.result;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Capacity searches repeated on fresh stacks of one profile, on a machine of {@code cores}
 * cores: the sustained rate is their median (a search that sustained nothing counts as 0), so
 * that one lucky or unlucky search does not set the figure.
 */
public record CapacitySearches(String profile, int cores, Instant measuredAt, List<CapacityReport> searches) {

    public double medianSustainedPerSecond() {
        return Median.of(searches.stream().mapToDouble(CapacitySearches::rate).toArray());
    }

    /** The search whose sustained rate is the median's (the lower middle one of an even number). */
    public Optional<CapacityReport> median() {
        return searches.stream().sorted((a, b) -> Double.compare(rate(a), rate(b)))
                .skip((searches.size() - 1) / 2).findFirst();
    }

    private static double rate(CapacityReport search) {
        return search.sustained().map(CapacityStep::offeredPerSecond).orElse(0.0);
    }
}
