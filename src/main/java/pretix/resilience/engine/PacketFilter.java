package pretix.resilience.engine;

import java.util.List;

/**
 * What an engine filters out of one node's traffic, in the node's own network namespace: the
 * node's software and image stay as they are. Peers are nodes by name; none means every other
 * node of the stack.
 */
public sealed interface PacketFilter {

    /**
     * Which of the node's packets to and from its peers are filtered: both ways, only those it
     * receives ({@code IN}: it no longer hears them, they still hear it), or only those it sends.
     */
    enum Direction {
        BOTH, IN, OUT
    }

    /** Packets to and from the peers are dropped, each with the given probability (1: all of them). */
    record Drop(List<String> peers, double probability, Direction direction) implements PacketFilter {
        public Drop {
            if (!(probability > 0 && probability <= 1)) {
                throw new IllegalArgumentException("a probability above 0 and at most 1, not " + probability);
            }
            peers = List.copyOf(peers);
        }
    }

    /** Packets to and from the peers are refused at once: a TCP reset, an ICMP unreachable otherwise. */
    record Reject(List<String> peers, Direction direction) implements PacketFilter {
        public Reject {
            peers = List.copyOf(peers);
        }
    }

    /** The node's name lookups go unanswered. */
    record NoNameLookups() implements PacketFilter {}

    /**
     * Every packet the node sends or receives but on its loopback is refused, its name lookups and
     * the harness's questions too: it is as if it had no network, though it keeps its address and
     * the others still find it by name.
     */
    record Unplugged() implements PacketFilter {}
}
