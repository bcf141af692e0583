package pretix.resilience.fault;

import java.util.List;
import java.util.Locale;
import pretix.resilience.engine.PacketFilter;

/** What a traffic fault does to a node's packets to and from its peers. */
public sealed interface TrafficEffect {

    String describe();

    /** @param peers the nodes it cuts the target from, by name; none for every other node */
    PacketFilter filter(List<String> peers, PacketFilter.Direction direction);

    /** Every packet dropped, silently: to its peers the node is gone, and the node keeps serving whoever still reaches it. */
    record Isolate() implements TrafficEffect {
        public String describe() {
            return "isolate";
        }

        public PacketFilter filter(List<String> peers, PacketFilter.Direction direction) {
            return new PacketFilter.Drop(peers, 1, direction);
        }
    }

    /** Each packet dropped with a probability: TCP retransmits, so connections slow down rather than fail. */
    record Loss(double probability) implements TrafficEffect {
        public String describe() {
            return String.format(Locale.ROOT, "loss %.0f %%", probability * 100);
        }

        public PacketFilter filter(List<String> peers, PacketFilter.Direction direction) {
            return new PacketFilter.Drop(peers, probability, direction);
        }
    }

    /** Every packet refused at once: "connection refused" instead of a timeout. */
    record Reject() implements TrafficEffect {
        public String describe() {
            return "reject";
        }

        public PacketFilter filter(List<String> peers, PacketFilter.Direction direction) {
            return new PacketFilter.Reject(peers, direction);
        }
    }

    /** Docker's resolver unreachable for the node: names it has not resolved yet stay unknown to it. */
    record DnsFailure() implements TrafficEffect {
        public String describe() {
            return "dns_failure";
        }

        public PacketFilter filter(List<String> peers, PacketFilter.Direction direction) {
            return new PacketFilter.NoNameLookups();
        }
    }
}
