package pretix.resilience.check;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import pretix.resilience.history.RoleSample;

/**
 * Redundancy per tier over a run: the fewest healthy nodes each tier had, and when, after the
 * last fault was healed, every tier was back at its expected count.
 *
 * @param lowest the fewest healthy nodes seen per tier
 * @param restoredAfterHealMs from the last heal to the first sample with every tier complete; null if never
 */
public record Redundancy(Map<String, Integer> expected, Map<String, Integer> lowest, Long restoredAfterHealMs) {

    public static Redundancy of(List<RoleSample> samples, Map<String, Integer> expected, long lastHealNanos) {
        Map<String, Integer> lowest = new LinkedHashMap<>(expected);
        // A sample taken before the first health observation knows nothing about health.
        List<RoleSample> observed = samples.stream().filter(sample -> !sample.healthy().isEmpty()).toList();
        for (RoleSample sample : observed) {
            expected.keySet().forEach(tier -> lowest.merge(tier, sample.healthy().getOrDefault(tier, 0), Math::min));
        }
        // A health observation begun before the heal says nothing of the stack after it.
        Long restored = observed.stream()
                .filter(sample -> sample.atNanos() >= lastHealNanos && sample.healthObservedSince(lastHealNanos))
                .filter(sample -> expected.entrySet().stream()
                        .allMatch(tier -> sample.healthy().getOrDefault(tier.getKey(), 0) >= tier.getValue()))
                .findFirst()
                .map(sample -> (sample.atNanos() - lastHealNanos) / 1_000_000)
                .orElse(null);
        return new Redundancy(Map.copyOf(expected), lowest, restored);
    }
}
