package pretix.resilience.check;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import pretix.resilience.history.RoleSample;

/**
 * The single-writer invariant over a run's role samples: never two PostgreSQL primaries or two
 * Redis masters that accept writes. A split brain lasts from the first sample that shows it to
 * the first sample that no longer does. Sentinels naming different masters are reported the
 * same way but apart: during every failover they disagree for a moment while the new
 * configuration spreads, and only a node that takes writes makes a second writer.
 *
 * @param longestSamplingGapMs the widest gap between samples: a split brain shorter than it may have gone unseen
 */
public record SingleWriter(int samples, long longestSamplingGapMs, List<SplitBrain> splitBrains,
                           List<SplitBrain> sentinelDisagreements) {

    /** One window with two writers (or two named masters) of one kind. */
    public record SplitBrain(String kind, long fromNanos, long toNanos, List<String> writers) {

        public long durationMs() {
            return (toNanos - fromNanos) / 1_000_000;
        }
    }

    public static SingleWriter of(List<RoleSample> samples, long endNanos) {
        List<SplitBrain> found = new ArrayList<>();
        found.addAll(windows("postgres primaries", samples, RoleSample::postgresPrimaries, endNanos));
        found.addAll(windows("redis writable masters", samples, RoleSample::redisWritableMasters, endNanos));
        long gap = 0;
        for (int i = 1; i < samples.size(); i++) {
            gap = Math.max(gap, samples.get(i).atNanos() - samples.get(i - 1).atNanos());
        }
        return new SingleWriter(samples.size(), gap / 1_000_000, found,
                windows("sentinel masters", samples, RoleSample::sentinelMasters, endNanos));
    }

    public long longestSplitBrainMs() {
        return splitBrains.stream().mapToLong(SplitBrain::durationMs).max().orElse(0);
    }

    private static List<SplitBrain> windows(String kind, List<RoleSample> samples,
                                            Function<RoleSample, List<String>> writers, long endNanos) {
        List<SplitBrain> windows = new ArrayList<>();
        RoleSample opened = null;
        Set<String> seen = new LinkedHashSet<>();
        for (RoleSample sample : samples) {
            List<String> now = writers.apply(sample);
            if (now.size() > 1) {
                if (opened == null) {
                    opened = sample;
                    seen.clear();
                }
                seen.addAll(now);
            } else if (opened != null) {
                windows.add(new SplitBrain(kind, opened.atNanos(), sample.atNanos(), List.copyOf(seen)));
                opened = null;
            }
        }
        if (opened != null) {
            windows.add(new SplitBrain(kind, opened.atNanos(), endNanos, List.copyOf(seen)));
        }
        return windows;
    }
}
