package pretix.resilience.stack;

import java.util.List;

/**
 * A stack as its engine knows it: its id, profile, whether it is kept running on purpose, its
 * credentials and its nodes.
 */
public record DeployedStack(String id, Profile profile, boolean kept, StackSecrets secrets, List<DeployedNode> nodes) {

    public ShopAccess shopAccess() {
        return secrets.shopAccess();
    }

    /** How the harness speaks to the nodes of this stack. */
    public NodeClients clients() {
        return secrets.clients();
    }

    public List<DeployedNode> nodes(Tier tier) {
        return nodes.stream().filter(node -> node.tier() == tier).toList();
    }

    public DeployedNode node(String name) {
        return nodes.stream().filter(node -> node.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("stack " + id + " has no node " + name));
    }

    /** The topology the stack was launched with, counted from its nodes. */
    public Topology topology() {
        return Topology.builder(profile).postgresStandbys(nodes(Tier.POSTGRES).size() - 1)
                .pgpools(nodes(Tier.PGPOOL).size()).redisReplicas(nodes(Tier.REDIS).size() - 1)
                .sentinels(nodes(Tier.SENTINEL).size()).haproxies(nodes(Tier.HAPROXY).size())
                .shops(nodes(Tier.SHOP).size()).nginxes(nodes(Tier.NGINX).size()).build();
    }

    /**
     * Where clients outside the stack send their requests: one URL per nginx, each through its
     * Toxiproxy link, so that faults can slow or cut the client side too.
     */
    public List<String> shopUrls() {
        DeployedNode toxiproxy = nodes(Tier.TOXIPROXY).get(0);
        return nodes(Tier.NGINX).stream()
                .map(nginx -> "http://" + toxiproxy.port(new Link(Link.Kind.CLIENT_NGINX, nginx.node()).listenPort()))
                .toList();
    }
}
