package pretix.resilience.history;

import java.time.Instant;

/**
 * A fault as the nemesis applied it: what, aimed at which target, resolved to which node, and when
 * it was injected and healed.
 */
public record FaultEvent(String fault, String target, String node, long injectedNanos, Instant injectedAt,
                         Long healedNanos, Instant healedAt) {

    public FaultEvent healed(long nanos, Instant at) {
        return new FaultEvent(fault, target, node, injectedNanos, injectedAt, nanos, at);
    }

    public String describe() {
        return fault + " " + node + (target.equals(node) ? "" : " (" + target + ")");
    }
}
