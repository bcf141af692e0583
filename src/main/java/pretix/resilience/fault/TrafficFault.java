package pretix.resilience.fault;

import java.util.Locale;
import pretix.resilience.engine.PacketFilter;

/**
 * A fault on a node's network traffic, applied in the node's own network namespace: towards
 * some peers ({@code from}) or every other node of the stack, both ways or one way
 * ({@code direction}). Healed by removing the node's packet filter.
 */
public record TrafficFault(Target target, Peers from, PacketFilter.Direction direction, TrafficEffect effect)
        implements Fault {

    @Override
    public String tier() {
        return target.tier().image();
    }

    /** What it does, without the target: {@code isolate from sentinel}, as the history records it. */
    public String action() {
        return effect.describe() + from.describe() + oneWay();
    }

    @Override
    public String describe() {
        return effect.describe() + " " + target.expression() + from.describe() + oneWay();
    }

    private String oneWay() {
        return direction == PacketFilter.Direction.BOTH ? "" : " (" + direction.name().toLowerCase(Locale.ROOT) + " only)";
    }
}
