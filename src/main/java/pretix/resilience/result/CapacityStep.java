package pretix.resilience.result;

import java.util.Map;
import pretix.resilience.check.LatencySummary;
import pretix.resilience.check.OfferedLoad;

/**
 * One rate of a capacity search, held for one step on a healthy stack: what was offered and came
 * of it, the latency of the acknowledged orders from their intended start, availability (ok
 * over due), the CPU each tier used (cores, from Docker's counters; all tiers together cannot
 * pass the machine's cores), and whether the step met the search's objectives.
 */
public record CapacityStep(double offeredPerSecond, OfferedLoad load, LatencySummary latency, double availability,
                           Map<String, Double> coresByTier, boolean sustained) {

    /** The tier that used the most CPU in this step. */
    public String busiestTier() {
        return coresByTier.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("none");
    }
}
