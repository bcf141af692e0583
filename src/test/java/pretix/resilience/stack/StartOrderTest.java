package pretix.resilience.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StartOrderTest {

    @Test
    void watchdogPgpoolsStartTogetherOnceThePrimaryIsReady() {
        Map<Node, List<Node>> dependencies = StartOrder.dependencies(Topology.defaults(Profile.HARDENED));

        for (Node pgpool : Topology.defaults(Profile.HARDENED).nodes(Tier.PGPOOL)) {
            assertThat(dependencies.get(pgpool)).extracting(Node::name).containsExactly("pg0", "toxiproxy0");
        }
    }

    @Test
    void pgpoolsWithoutWatchdogWaitForEveryBackend() {
        Map<Node, List<Node>> dependencies = StartOrder.dependencies(Topology.defaults(Profile.SEED));

        for (Node pgpool : Topology.defaults(Profile.SEED).nodes(Tier.PGPOOL)) {
            assertThat(dependencies.get(pgpool)).extracting(Node::name).containsExactly("pg0", "pg1", "pg2");
        }
    }

    @Test
    void standbysAndReplicasWaitForTheirPrimaryAndShopsOnlyForToxiproxy() {
        Map<Node, List<Node>> dependencies = StartOrder.dependencies(Topology.defaults(Profile.HARDENED));

        assertThat(dependencies.get(node("pg1"))).extracting(Node::name).containsExactly("pg0", "toxiproxy0");
        assertThat(dependencies.get(node("redis2"))).extracting(Node::name).containsExactly("redis0");
        assertThat(dependencies.get(node("shop0"))).extracting(Node::name).containsExactly("toxiproxy0");
        assertThat(dependencies.get(node("pg0"))).isEmpty();
    }

    @Test
    void everyNodeHasAnOrderAndNoneWaitsForItselfInACycle() {
        for (Profile profile : Profile.values()) {
            Map<Node, List<Node>> dependencies = StartOrder.dependencies(Topology.largest(profile));

            assertThat(dependencies.keySet()).containsExactlyElementsOf(Topology.largest(profile).allNodes());
            dependencies.keySet().forEach(node -> assertThat(reachableFrom(node, dependencies)).doesNotContain(node));
        }
    }

    private static Set<Node> reachableFrom(Node start, Map<Node, List<Node>> dependencies) {
        Set<Node> reached = new HashSet<>();
        List<Node> frontier = dependencies.get(start);
        while (!frontier.isEmpty()) {
            frontier = frontier.stream().filter(reached::add).flatMap(node -> dependencies.get(node).stream()).toList();
        }
        return reached;
    }

    private static Node node(String name) {
        return Topology.defaults(Profile.HARDENED).allNodes().stream().filter(node -> node.name().equals(name))
                .findFirst().orElseThrow();
    }
}
