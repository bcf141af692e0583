package pretix.resilience.history;

import java.util.List;
import java.util.Map;

/**
 * Who could write at one instant, and how many nodes of each tier did their job: the raw
 * material of the single-writer and redundancy checks.
 *
 * @param postgresPrimaries PostgreSQL nodes out of recovery
 * @param redisWritableMasters Redis nodes that answer as master and accept a write
 * @param sentinelMasters the masters the reachable sentinels name (distinct)
 * @param healthy healthy nodes per tier, by tier name
 * @param healthySinceNanos when the observation of {@code healthy} began: a node that does not
 *        answer holds it up, so it may be older than the sample (null in older histories)
 */
public record RoleSample(long atNanos, List<String> postgresPrimaries, List<String> redisWritableMasters,
                         List<String> sentinelMasters, Map<String, Integer> healthy, Long healthySinceNanos) {

    /** Whether {@code healthy} was observed from {@code nanos} on (or the history does not say). */
    public boolean healthObservedSince(long nanos) {
        return healthySinceNanos == null || healthySinceNanos >= nanos;
    }
}
