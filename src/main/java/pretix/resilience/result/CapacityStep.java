package pretix.resilience.result;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import pretix.resilience.check.LatencySummary;
import pretix.resilience.check.OfferedLoad;

/**
 * One rate of a capacity search, held for one step on a healthy stack: what was offered and came
 * of it, the latency of the acknowledged orders from their intended start, availability (ok
 * over due), the CPU each tier and each node used (cores, from Docker's counters), the harness's
 * own CPU (its process: the load generator and the checkers' clients), and whether the step met
 * the search's objectives.
 */
public record CapacityStep(double offeredPerSecond, OfferedLoad load, LatencySummary latency, double availability,
                           Map<String, Double> coresByTier, Map<String, Double> coresByNode, double harnessCores,
                           boolean sustained) {

    /** A node or the machine this busy (of one core, or of all) counts as saturated: CPU is what limits it. */
    public static final double SATURATED = 0.9;

    public CapacityStep {
        // Steps recorded before nodes were counted one by one.
        coresByNode = Objects.requireNonNullElse(coresByNode, Map.of());
    }

    /** The tier that used the most CPU in this step. */
    public String busiestTier() {
        return busiest(coresByTier);
    }

    public String busiestNode() {
        return busiest(coresByNode);
    }

    /** Every tier's CPU and the harness's together. */
    public double totalCores() {
        return coresByTier.values().stream().mapToDouble(Double::doubleValue).sum() + harnessCores;
    }

    /**
     * What the CPU counters say limited this step on a machine of {@code machineCores}: the
     * machine (stack and harness together near all its cores), one node (near one core: a
     * single-threaded process such as Redis, or one busy pgpool child, cannot use more), or
     * neither, in which case the limit is not CPU (a lock, a pool, a timeout).
     */
    public String cpuVerdict(int machineCores) {
        String figures = String.format(Locale.ROOT, "stack and harness %.2f of %d cores (busiest tier %s %.2f, busiest"
                        + " node %s %.2f, harness %.2f)", totalCores(), machineCores, busiestTier(),
                coresByTier.getOrDefault(busiestTier(), 0.0), busiestNode(), coresByNode.getOrDefault(busiestNode(), 0.0),
                harnessCores);
        if (totalCores() >= SATURATED * machineCores) {
            return "the machine's CPU: " + figures;
        }
        if (coresByNode.getOrDefault(busiestNode(), 0.0) >= SATURATED) {
            return "one core of " + busiestNode() + ": " + figures;
        }
        return "not CPU (no node near one core, the machine below " + Math.round(SATURATED * 100) + " %): " + figures;
    }

    private static String busiest(Map<String, Double> cores) {
        return cores.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("none");
    }
}
