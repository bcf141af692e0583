package pretix.resilience.engine.docker;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import pretix.resilience.engine.PacketFilter;

/**
 * A packet filter as iptables commands for the node's network namespace. Every rule goes into a
 * chain of the harness's own, jumped to from INPUT and OUTPUT, so that flushing that chain heals
 * and Docker's own rules (its resolver's address translation) stay untouched.
 */
final class Iptables {

    static final String CHAIN = "chaos";
    /** Docker's embedded resolver, as every container on a user-defined network asks it. */
    static final String RESOLVER = "127.0.0.11";

    private Iptables() {}

    /**
     * @param addresses the peers' addresses on the stack network, or the network's subnet for every other node
     * @param own the node's own address, whose traffic to itself is never filtered
     */
    static String apply(PacketFilter filter, List<String> addresses, String own) {
        List<String> commands = new ArrayList<>(List.of(
                "iptables -w -N " + CHAIN + " 2>/dev/null || true",
                "iptables -w -C INPUT -j " + CHAIN + " 2>/dev/null || iptables -w -I INPUT -j " + CHAIN,
                "iptables -w -C OUTPUT -j " + CHAIN + " 2>/dev/null || iptables -w -I OUTPUT -j " + CHAIN));
        if (filter instanceof PacketFilter.NoNameLookups) {
            commands.add(rule("-d " + RESOLVER, "-j DROP"));
            return String.join(" && ", commands);
        }
        if (own != null) {
            commands.add(rule("-s " + own + " -d " + own, "-j RETURN"));
        }
        if (filter instanceof PacketFilter.Unplugged) {
            commands.add(rule("-d " + RESOLVER, "-j REJECT"));
            commands.add(rule("-d 127.0.0.0/8", "-j RETURN"));
            commands.add(rule("-p tcp", "-j REJECT --reject-with tcp-reset"));
            commands.add(rule("", "-j REJECT"));
            return String.join(" && ", commands);
        }
        PacketFilter.Direction direction = filter instanceof PacketFilter.Drop drop ? drop.direction()
                : ((PacketFilter.Reject) filter).direction();
        for (String address : addresses) {
            for (String side : sides(direction)) {
                String match = side + address;
                if (filter instanceof PacketFilter.Drop drop) {
                    commands.add(rule(match + (drop.probability() < 1 ? " -m statistic --mode random --probability "
                            + String.format(Locale.ROOT, "%.4f", drop.probability()) : ""), "-j DROP"));
                } else {
                    commands.add(rule(match + " -p tcp", "-j REJECT --reject-with tcp-reset"));
                    commands.add(rule(match, "-j REJECT"));
                }
            }
        }
        return String.join(" && ", commands);
    }

    /** Packets from a peer are those the node receives, packets to it those it sends. */
    private static List<String> sides(PacketFilter.Direction direction) {
        return switch (direction) {
            case BOTH -> List.of("-s ", "-d ");
            case IN -> List.of("-s ");
            case OUT -> List.of("-d ");
        };
    }

    /** Removes every rule the harness added; a namespace without the chain (a restarted node) has none. */
    static String clear() {
        return "iptables -w -F " + CHAIN + " 2>/dev/null || true";
    }

    private static String rule(String match, String action) {
        return "iptables -w -A " + CHAIN + (match.isEmpty() ? "" : " " + match) + " " + action;
    }
}
