package pretix.resilience.check;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import pretix.resilience.history.MemorySample;

/**
 * The memory the stack used during a run, against the memory of the Docker host it ran on: the
 * peak of the whole stack (the largest sum of one sample), of each tier, and of each node.
 *
 * @param hostBytes the Docker host's memory
 * @param samples how many samples the peaks were taken over
 */
public record MemoryUse(long hostBytes, int samples, long stackPeakBytes, Map<String, Long> tierPeakBytes,
                        Map<String, Long> nodePeakBytes) {

    /** What a run recorded before memory was sampled reads as. */
    public static final MemoryUse NONE = new MemoryUse(0, 0, 0, Map.of(), Map.of());

    public static double mebibytes(long bytes) {
        return bytes / (1024.0 * 1024);
    }

    public boolean sampled() {
        return samples > 0;
    }

    public static MemoryUse of(List<MemorySample> samples, long hostBytes) {
        Map<String, Long> tiers = new LinkedHashMap<>();
        Map<String, Long> nodes = new LinkedHashMap<>();
        long stack = 0;
        for (MemorySample sample : samples) {
            stack = Math.max(stack, sample.totalBytes());
            sample.bytesByTier().forEach((tier, bytesByNode) -> {
                tiers.merge(tier, bytesByNode.values().stream().mapToLong(Long::longValue).sum(), Math::max);
                bytesByNode.forEach((node, bytes) -> nodes.merge(node, bytes, Math::max));
            });
        }
        return new MemoryUse(hostBytes, samples.size(), stack, tiers, nodes);
    }

    public double stackPeakFractionOfHost() {
        return hostBytes == 0 ? 0 : stackPeakBytes / (double) hostBytes;
    }

    /** The node whose peak was the largest. */
    public Optional<Map.Entry<String, Long>> largestNode() {
        return nodePeakBytes.entrySet().stream().max(Map.Entry.comparingByValue(Comparator.naturalOrder()));
    }
}
