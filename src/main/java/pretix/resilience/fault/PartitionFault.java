package pretix.resilience.fault;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import pretix.resilience.engine.PacketFilter;

/**
 * The stack's network split into groups that do not reach each other, as Jepsen's partitions and
 * Blockade's: each node of a group drops every packet to and from the nodes of the groups after
 * it, in its own network namespace. One way ({@code in} / {@code out}) only between two groups:
 * the first then no longer receives from / sends to the second. Healed by removing the filters.
 */
public record PartitionFault(List<List<Target>> groups, PacketFilter.Direction direction) implements Fault {

    public PartitionFault {
        groups = groups.stream().map(List::copyOf).toList();
        if (groups.size() < 2 || groups.stream().anyMatch(List::isEmpty)) {
            throw new IllegalArgumentException("a partition needs two or more groups of one node or more");
        }
        if (direction != PacketFilter.Direction.BOTH && groups.size() != 2) {
            throw new IllegalArgumentException("a one-way partition needs exactly two groups, not " + groups.size());
        }
    }

    /** Where the N+1 matrix files it: between tiers, not in one. */
    @Override
    public String tier() {
        return "network";
    }

    /** The groups as the history records the target: {@code redis0 sentinel0 | redis1 redis2 sentinel1}. */
    public String expression() {
        return groups.stream().map(group -> group.stream().map(Target::expression).collect(Collectors.joining(" ")))
                .collect(Collectors.joining(" | "));
    }

    @Override
    public String describe() {
        return "partition " + expression()
                + (direction == PacketFilter.Direction.BOTH ? "" : " (" + direction.name().toLowerCase(Locale.ROOT) + " only)");
    }
}
