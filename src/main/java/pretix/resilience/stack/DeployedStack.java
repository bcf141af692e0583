package pretix.resilience.stack;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerPort;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import pretix.resilience.docker.KeepMarker;
import pretix.resilience.docker.Labels;

/**
 * A stack as Docker knows it: its id, profile, whether it is kept running on purpose, and its
 * nodes. Read back from the labels of its containers, so a later command ({@code chaos status})
 * finds a stack another process started.
 */
public record DeployedStack(String id, Profile profile, boolean kept, ShopAccess shopAccess, List<DeployedNode> nodes) {

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

    /** Every stack of the harness, by id, with stopped nodes too (a killed node is still part of it). */
    public static List<DeployedStack> findAll(DockerClient docker) {
        List<Container> containers = docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(List.of(Labels.STACK, Labels.NODE)).exec();
        Map<String, List<Container>> byStack = containers.stream()
                .collect(Collectors.groupingBy(container -> container.getLabels().get(Labels.STACK)));
        Set<String> kept = KeepMarker.keptStacks(docker);
        return byStack.entrySet().stream()
                .map(entry -> fromContainers(entry.getKey(), entry.getValue(), kept.contains(entry.getKey())))
                .sorted(Comparator.comparing(DeployedStack::id))
                .toList();
    }

    /** One stack as Docker knows it now: restarted nodes publish new host ports, stopped ones none. */
    public static DeployedStack find(DockerClient docker, String id) {
        List<Container> containers = docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(Labels.STACK, id)).exec().stream()
                .filter(container -> container.getLabels().containsKey(Labels.NODE)).toList();
        if (containers.isEmpty()) {
            throw new IllegalStateException("stack " + id + " has no containers any more");
        }
        return fromContainers(id, containers, KeepMarker.keptStacks(docker).contains(id));
    }

    private static DeployedStack fromContainers(String id, List<Container> containers, boolean kept) {
        Map<String, String> labels = containers.get(0).getLabels();
        Profile profile = Profile.parse(labels.get(Labels.PROFILE));
        List<DeployedNode> nodes = containers.stream()
                .map(DeployedStack::toNode)
                .sorted(Comparator.comparing((DeployedNode node) -> node.tier()).thenComparing(node -> node.node().index()))
                .toList();
        return new DeployedStack(id, profile, kept,
                new ShopAccess(labels.get(Labels.SHOP_ORGANIZER), labels.get(Labels.SHOP_TOKEN)), nodes);
    }

    private static DeployedNode toNode(Container container) {
        Tier tier = Tier.ofImage(container.getLabels().get(Labels.TIER));
        String name = container.getLabels().get(Labels.NODE);
        int index = Integer.parseInt(name.substring(tier.nodeName(0).length() - 1));
        Map<Integer, HostPort> ports = Arrays.stream(container.getPorts())
                .filter(port -> port.getPublicPort() != null)
                .collect(Collectors.toMap(ContainerPort::getPrivatePort,
                        port -> new HostPort(hostOf(port), port.getPublicPort()), (a, b) -> a));
        return new DeployedNode(new Node(tier, index), container.getId(), "running".equals(container.getState()), ports);
    }

    private static String hostOf(ContainerPort port) {
        String ip = Objects.requireNonNullElse(port.getIp(), "127.0.0.1");
        return ip.equals("0.0.0.0") ? "localhost" : ip;
    }
}
