package pretix.resilience.history;

import java.util.Map;

/**
 * The memory every running node used at one instant: its container's working set (usage less
 * the page cache the kernel may reclaim, as {@code docker stats} shows it), in bytes.
 *
 * @param bytesByTier tier name to node name to working-set bytes
 */
public record MemorySample(long atNanos, Map<String, Map<String, Long>> bytesByTier) {

    public long totalBytes() {
        return bytesByTier.values().stream().flatMap(nodes -> nodes.values().stream()).mapToLong(Long::longValue).sum();
    }
}
