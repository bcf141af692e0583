package pretix.resilience.fault;

import java.util.Optional;
import pretix.resilience.stack.Tier;

/**
 * A fault on a node's network traffic, applied in the node's own network namespace: towards the
 * nodes of one tier ({@code from}), or towards every other node of the stack. Healed by removing
 * the node's packet filter.
 */
public record TrafficFault(Target target, Optional<Tier> from, TrafficEffect effect) implements Fault {

    @Override
    public String tier() {
        return target.tier().image();
    }

    /** What it does, without the target: {@code isolate from sentinel}, as the history records it. */
    public String action() {
        return effect.describe() + peers();
    }

    @Override
    public String describe() {
        return effect.describe() + " " + target.expression() + peers();
    }

    private String peers() {
        return from.map(tier -> " from " + tier.image()).orElse("");
    }
}
