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
 * @param restoredAfterFaultMs the slowest fault's time from its injection until every tier was complete again,
 *        once a sample had seen one short (0 when none was seen short); null if a tier never came back
 */
public record Redundancy(Map<String, Integer> expected, Map<String, Integer> lowest, Long restoredAfterHealMs,
                         Long restoredAfterFaultMs) {

    public static Redundancy of(List<RoleSample> samples, Map<String, Integer> expected, long lastHealNanos) {
        return of(samples, expected, lastHealNanos, List.of());
    }

    /** @param injectedNanos when each fault was injected */
    public static Redundancy of(List<RoleSample> samples, Map<String, Integer> expected, long lastHealNanos,
                                List<Long> injectedNanos) {
        Map<String, Integer> lowest = new LinkedHashMap<>(expected);
        // A sample taken before the first health observation knows nothing about health.
        List<RoleSample> observed = samples.stream().filter(sample -> !sample.healthy().isEmpty()).toList();
        for (RoleSample sample : observed) {
            expected.keySet().forEach(tier -> lowest.merge(tier, sample.healthy().getOrDefault(tier, 0), Math::min));
        }
        // A health observation begun before the heal says nothing of the stack after it.
        Long restored = observed.stream()
                .filter(sample -> sample.atNanos() >= lastHealNanos && sample.healthObservedSince(lastHealNanos))
                .filter(sample -> complete(sample, expected))
                .findFirst()
                .map(sample -> (sample.atNanos() - lastHealNanos) / 1_000_000)
                .orElse(null);
        Long slowest = 0L;
        for (long injected : injectedNanos) {
            Long restoredAfterFault = restoredAfter(observed, expected, injected);
            slowest = slowest == null || restoredAfterFault == null ? null : Math.max(slowest, restoredAfterFault);
        }
        return new Redundancy(Map.copyOf(expected), lowest, restored, slowest);
    }

    /** From the injection to the first complete sample after the first one short; 0 if none was short, null if never. */
    private static Long restoredAfter(List<RoleSample> observed, Map<String, Integer> expected, long injectedNanos) {
        List<RoleSample> after = observed.stream()
                .filter(sample -> sample.atNanos() >= injectedNanos && sample.healthObservedSince(injectedNanos)).toList();
        int firstShort = -1;
        for (int i = 0; i < after.size() && firstShort < 0; i++) {
            firstShort = complete(after.get(i), expected) ? -1 : i;
        }
        if (firstShort < 0) {
            return 0L;
        }
        return after.subList(firstShort, after.size()).stream().filter(sample -> complete(sample, expected)).findFirst()
                .map(sample -> (sample.atNanos() - injectedNanos) / 1_000_000).orElse(null);
    }

    private static boolean complete(RoleSample sample, Map<String, Integer> expected) {
        return expected.entrySet().stream().allMatch(tier -> sample.healthy().getOrDefault(tier.getKey(), 0) >= tier.getValue());
    }
}
