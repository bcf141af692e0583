package pretix.resilience.fault;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import pretix.resilience.roles.RoleSnapshot;
import pretix.resilience.stack.Node;
import pretix.resilience.stack.Tier;
import pretix.resilience.stack.Topology;

/** The nodes a traffic fault cuts its target from ({@code from}): every other node, one tier's, or some by target. */
public sealed interface Peers {

    /** As the history and reports add it to the fault: {@code " from sentinel"}, or nothing for every other node. */
    String describe();

    /**
     * The peers' names now, without {@code self}; none for every other node. {@code observe} is
     * asked only when a peer is named by role.
     */
    List<String> resolve(Topology topology, String self, Supplier<RoleSnapshot> observe, Random random);

    record EveryOtherNode() implements Peers {
        public String describe() {
            return "";
        }

        public List<String> resolve(Topology topology, String self, Supplier<RoleSnapshot> observe, Random random) {
            return List.of();
        }
    }

    record OfTier(Tier tier) implements Peers {
        public String describe() {
            return " from " + tier.image();
        }

        public List<String> resolve(Topology topology, String self, Supplier<RoleSnapshot> observe, Random random) {
            return topology.nodes(tier).stream().map(Node::name).filter(name -> !name.equals(self)).toList();
        }
    }

    /** Nodes by target ({@code [sentinel0, redis.replica.any]}), each resolved when the fault fires. */
    record Named(List<Target> targets) implements Peers {
        public Named {
            targets = List.copyOf(targets);
        }

        public String describe() {
            return " from " + targets.stream().map(Target::expression).collect(Collectors.joining(", ", "[", "]"));
        }

        public List<String> resolve(Topology topology, String self, Supplier<RoleSnapshot> observe, Random random) {
            Set<String> names = new LinkedHashSet<>();
            targets.forEach(target -> names.add(target.resolve(topology, observe, random)));
            names.remove(self);
            if (names.isEmpty()) {
                throw new IllegalStateException(describe().strip() + ": every peer is the target itself");
            }
            return List.copyOf(names);
        }
    }
}
