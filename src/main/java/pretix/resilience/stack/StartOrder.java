package pretix.resilience.stack;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Which nodes must be ready before a node starts; every engine starts a stack in this order.
 *
 * <p>Standbys clone the primary and stream through Toxiproxy. Without a watchdog, pgpool starts
 * once every backend streams: started with the primary, it judged its backends while most of the
 * stack's containers were still being created, the busiest seconds of a 2-core machine, where a
 * login took over its 2 s health-check timeout; it detached standbys that were not up yet, and
 * more than once failed the healthy primary over. With a watchdog, every pgpool starts once the
 * primary is ready: pgpool checks no backend before its watchdog has a leader (the standbys
 * stream meanwhile), which takes pgpools started together 6 s (5 s loading, 1 s initialising), or
 * 10 s when two of them stand for leader at once; one started alone waits out every timer for
 * peers that are not there yet, 14 s, and those that join it later 6-8 s more. A pgpool that names
 * no primary (Pgpool-II 4.3 can copy a leader's primary while the leader still searches for it)
 * is not ready, so such a start is retried.
 * Replicas follow the master, sentinels and HAProxy resolve every Redis node by name. Shops start
 * as early as Toxiproxy allows: their JVM starts while pgpool still elects its leader, and they
 * wait for the database themselves; nginx starts with them and adds each shop to its upstreams
 * once the shop's name resolves.
 */
public final class StartOrder {

    private StartOrder() {}

    /** Each node of the topology, in the topology's order, with the nodes it waits for. */
    public static Map<Node, List<Node>> dependencies(Topology topology) {
        Map<Node, List<Node>> dependencies = new LinkedHashMap<>();
        for (Node node : topology.allNodes()) {
            dependencies.put(node, dependenciesOf(topology, node));
        }
        return dependencies;
    }

    private static List<Node> dependenciesOf(Topology topology, Node node) {
        Node primary = topology.initialPrimary();
        Node master = topology.initialRedisMaster();
        Node toxiproxy = topology.toxiproxy();
        return switch (node.tier()) {
            case POSTGRES -> node.equals(primary) ? List.of() : List.of(primary, toxiproxy);
            case PGPOOL -> topology.profile().settings().pgpoolWatchdog() ? List.of(primary, toxiproxy)
                    : topology.nodes(Tier.POSTGRES);
            case REDIS -> node.equals(master) ? List.of() : List.of(master);
            case SENTINEL, HAPROXY -> topology.nodes(Tier.REDIS);
            case SHOP, NGINX -> List.of(toxiproxy);
            case TOXIPROXY -> List.of();
        };
    }

    /** The same order over whatever stands for a node: a container, a service. */
    public static <T> Map<T, List<T>> dependencies(Topology topology, Function<Node, T> each) {
        Map<T, List<T>> mapped = new LinkedHashMap<>();
        dependencies(topology).forEach((node, waitsFor) -> mapped.put(each.apply(node), waitsFor.stream().map(each).toList()));
        return mapped;
    }
}
