package pretix.resilience.engine.docker.swarm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import pretix.resilience.engine.docker.Labels;
import pretix.resilience.engine.docker.launch.NodeEnvironment;
import pretix.resilience.engine.docker.launch.ToxiproxyConfig;
import pretix.resilience.stack.Node;
import pretix.resilience.stack.StackSecret;
import pretix.resilience.stack.Tier;
import pretix.resilience.stack.Topology;

/**
 * A topology as a stack file for {@code docker stack deploy} (Compose file format 3.8): one
 * service per node, named as the node (the pgpool watchdog, the Toxiproxy links and the scenario
 * files address nodes by name), each with one task that Swarm replaces when it fails. Stateful
 * nodes keep their data in named volumes, so that a replacing task finds it; the stack's
 * secrets are Swarm secrets, the Toxiproxy links a Swarm config.
 */
public final class StackFile {

    /** The stack's one overlay network, as the file names it. */
    private static final String NETWORK = "stack";
    private static final String TOXIPROXY_CONFIG = "toxiproxy-links";
    private static final Set<Tier> STATELESS = Set.of(Tier.SHOP, Tier.NGINX, Tier.HAPROXY, Tier.TOXIPROXY);
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .build();

    /** The name Swarm gives the stack's network: {@code <stack>_stack}. */
    public static String network(String stack) {
        return stack + "_" + NETWORK;
    }

    private final Topology topology;
    private Map<String, String> imageByTier = Map.of();
    private Map<String, String> labels = Map.of();
    private String secretsDirectory = "./secrets";
    private String toxiproxyConfigFile = "./toxiproxy.json";
    private Publishing publishing = Publishing.ROUTING_MESH;
    private Collection<Node> services;

    private StackFile(Topology topology) {
        this.topology = topology;
        this.services = topology.allNodes();
    }

    public static StackFile of(Topology topology) {
        return new StackFile(topology);
    }

    /** The image of each tier by the tier's image name; {@code pretix-resilience/<tier>:latest} for any other. */
    public StackFile images(Map<String, String> imageByTier) {
        this.imageByTier = Map.copyOf(imageByTier);
        return this;
    }

    /** Labels of every service, task container, network, volume, secret and config. */
    public StackFile labels(Map<String, String> labels) {
        this.labels = new TreeMap<>(labels);
        return this;
    }

    /** Where the file of each secret is, one file per secret named as the secret. */
    public StackFile secretsIn(String directory) {
        this.secretsDirectory = directory;
        return this;
    }

    /** Where the Toxiproxy links file is ({@link #toxiproxyLinks()}). */
    public StackFile toxiproxyConfig(String file) {
        this.toxiproxyConfigFile = file;
        return this;
    }

    public StackFile publishing(Publishing publishing) {
        this.publishing = publishing;
        return this;
    }

    /** Only these nodes' services: a stack deployed in its start order grows one deploy at a time. */
    public StackFile only(Collection<Node> nodes) {
        this.services = List.copyOf(nodes);
        return this;
    }

    /** The content of the Toxiproxy links file the stack file refers to. */
    public String toxiproxyLinks() {
        return ToxiproxyConfig.of(topology.links()) + "\n";
    }

    public String yaml() {
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("version", "3.8");
        Map<String, Object> serviceDefinitions = new LinkedHashMap<>();
        for (Node node : topology.allNodes()) {
            if (services.contains(node)) {
                serviceDefinitions.put(node.name(), service(node));
            }
        }
        file.put("services", serviceDefinitions);
        file.put("networks", Map.of(NETWORK, withLabels(map("driver", "overlay", "attachable", true))));
        Map<String, Object> volumes = new LinkedHashMap<>();
        services.stream().flatMap(node -> volumeNames(node).keySet().stream())
                .forEach(volume -> volumes.put(volume, withLabels(new LinkedHashMap<>())));
        if (!volumes.isEmpty()) {
            file.put("volumes", volumes);
        }
        Map<String, Object> secrets = new LinkedHashMap<>();
        for (StackSecret secret : StackSecret.values()) {
            secrets.put(secretName(secret), withLabels(map("file", secretsDirectory + "/" + secretName(secret))));
        }
        file.put("secrets", secrets);
        file.put("configs", Map.of(TOXIPROXY_CONFIG, withLabels(map("file", toxiproxyConfigFile))));
        try {
            return "# pretix-resilience, profile " + topology.profile().id() + ": written by `./chaos export` from the"
                    + " topology model (edit that, not this file)\n" + YAML.writeValueAsString(file);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, Object> service(Node node) {
        Tier tier = node.tier();
        Map<String, Object> service = new LinkedHashMap<>();
        service.put("image", imageByTier.getOrDefault(tier.image(), "pretix-resilience/" + tier.image() + ":latest"));
        service.put("hostname", node.name());
        Map<String, String> environment = new TreeMap<>(NodeEnvironment.of(topology, node));
        StackSecret.of(tier).forEach(secret -> environment.put(secret.environmentVariable(), secret.path()));
        if (!environment.isEmpty()) {
            service.put("environment", environment);
        }
        if (tier == Tier.TOXIPROXY) {
            service.put("command", List.of("-host=0.0.0.0", "-port=" + tier.servicePort(),
                    "-config=" + ToxiproxyConfig.PATH));
            service.put("configs", List.of(map("source", TOXIPROXY_CONFIG, "target", ToxiproxyConfig.PATH)));
        }
        List<Map<String, Object>> secrets = StackSecret.of(tier).stream()
                .map(secret -> map("source", secretName(secret), "target", secretName(secret))).toList();
        if (!secrets.isEmpty()) {
            service.put("secrets", secrets);
        }
        Map<String, String> volumes = volumeNames(node);
        if (!volumes.isEmpty()) {
            service.put("volumes", volumes.entrySet().stream().map(volume -> volume.getKey() + ":" + volume.getValue())
                    .toList());
        }
        service.put("ports", topology.ports(node).stream()
                .map(port -> map("target", port, "mode", publishing.portMode())).toList());
        service.put("networks", List.of(NETWORK));
        // Every image runs its software as a user without privileges, which needs no capability.
        service.put("cap_drop", List.of("ALL"));
        Map<String, String> nodeLabels = nodeLabels(node);
        service.put("labels", nodeLabels);
        Map<String, Object> deploy = new LinkedHashMap<>();
        deploy.put("replicas", 1);
        deploy.put("endpoint_mode", publishing.endpointMode());
        deploy.put("labels", nodeLabels);
        deploy.put("restart_policy", map("condition", "any"));
        // A stateless node's new task starts before the old one stops; a stateful one must not run twice on its data.
        deploy.put("update_config", map("order", STATELESS.contains(tier) ? "start-first" : "stop-first"));
        service.put("deploy", deploy);
        return service;
    }

    private Map<String, String> nodeLabels(Node node) {
        Map<String, String> nodeLabels = new TreeMap<>(labels);
        nodeLabels.put(Labels.PROFILE, topology.profile().id());
        nodeLabels.put(Labels.TIER, node.tier().image());
        nodeLabels.put(Labels.NODE, node.name());
        return nodeLabels;
    }

    /** Each named volume of the node's service and where it is mounted. */
    private static Map<String, String> volumeNames(Node node) {
        Map<String, String> volumes = new LinkedHashMap<>();
        switch (node.tier()) {
            case POSTGRES -> {
                volumes.put(node.name() + "-data", "/var/lib/postgresql/data");
                volumes.put(node.name() + "-wal", node.tier().diskPath().orElseThrow());
            }
            case REDIS, SENTINEL -> volumes.put(node.name() + "-data", "/var/lib/redis");
            default -> { }
        }
        return volumes;
    }

    private Map<String, Object> withLabels(Map<String, Object> definition) {
        if (!labels.isEmpty()) {
            definition.put("labels", labels);
        }
        return definition;
    }

    /** A secret's name in the stack file, and of its file in the directory {@link #secretsIn} names. */
    public static String secretName(StackSecret secret) {
        return secret.path().substring(StackSecret.DIRECTORY.length());
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
