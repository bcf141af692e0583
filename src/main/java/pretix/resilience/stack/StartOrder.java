package pretix.resilience.stack;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Which nodes must be ready before a node starts; every engine starts a stack in this order.
 *
 * <p>Standbys clone the primary and stream through Toxiproxy. pgpool starts once every backend
 * streams: started with the primary (to overlap its watchdog's 10.5 s of fixed timers with
 * the cloning), it judged its backends while most of the stack's containers were still being
 * created, the busiest 30 s of a 2-core machine, where a login took over its 2 s health-check
 * timeout; it detached standbys that were not up yet, and restarted every child to attach them
 * again, and more than once failed the healthy primary over. With a watchdog, the first pgpool
 * starts alone and the others once it names the primary: a pgpool joining the watchdog takes
 * the leader's backend states, and Pgpool-II 4.3 took a leader's primary while the leader was
 * still searching for it (node -2) and never searched again; it listed every backend as a
 * standby (1 of 3 hardened starts on 7 Dec). Replicas follow the master, sentinels and HAProxy
 * resolve every Redis node by name. Shops start as early as Toxiproxy allows: their JVM starts
 * while pgpool still elects its leader, and they wait for the database themselves; nginx starts
 * with them and adds each shop to its upstreams once the shop's name resolves.
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
            case PGPOOL -> {
                Node firstPgpool = topology.nodes(Tier.PGPOOL).get(0);
                boolean joinsWatchdog = topology.profile().settings().pgpoolWatchdog() && !node.equals(firstPgpool);
                yield Stream.concat(topology.nodes(Tier.POSTGRES).stream(),
                        joinsWatchdog ? Stream.of(firstPgpool) : Stream.empty()).toList();
            }
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
