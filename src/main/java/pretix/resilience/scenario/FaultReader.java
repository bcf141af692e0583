package pretix.resilience.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import pretix.resilience.fault.Fault;
import pretix.resilience.fault.FaultKind;
import pretix.resilience.fault.Peers;
import pretix.resilience.fault.Target;
import pretix.resilience.stack.Link;
import pretix.resilience.stack.Tier;
import pretix.resilience.stack.Topology;

/**
 * One fault from the keys of a timeline entry ({@code fault}, {@code target} or {@code link}, and
 * the kind's parameters), whether a file or a command line gives them.
 */
public final class FaultReader {

    /** The keys that name a fault, without the entry's timing. */
    static final List<String> KEYS = Stream.of(List.of("fault", "target", "link", "groups"),
            FaultKind.allParameterKeys()).flatMap(List::stream).toList();

    private final YamlFields yaml;
    private final Topology topology;

    /** @param topology null when the file's topology is invalid: then targets and links are not checked */
    FaultReader(YamlFields yaml, Topology topology) {
        this.yaml = yaml;
        this.topology = topology;
    }

    /** The fault of an entry's fields, or null with the errors recorded. */
    Fault read(Map<String, NodeTuple> fields, Node entry) {
        return yaml.required(fields, "fault", entry).map(kind -> fault(kind, fields)).orElse(null);
    }

    /**
     * A fault given as {@code KEY=VALUE} arguments ({@code fault=kill target=redis.master}), validated
     * as in a file; an error names the argument by its position.
     */
    public static Fault fromArguments(List<String> arguments, Topology topology) throws ScenarioException {
        YamlFields yaml = new YamlFields("command line");
        List<NodeTuple> tuples = new ArrayList<>();
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            int equals = argument.indexOf('=');
            Mark at = new Mark("argument " + (i + 1), 0, 0, i, new int[0], 0);
            if (equals < 1) {
                yaml.error(scalar(argument, at), "'" + argument + "' is not key=value, such as fault=kill or"
                        + " target=redis.master");
                continue;
            }
            tuples.add(new NodeTuple(scalar(argument.substring(0, equals), at), scalar(argument.substring(equals + 1), at)));
        }
        Mark start = new Mark("arguments", 0, 0, 0, new int[0], 0);
        MappingNode entry = new MappingNode(Tag.MAP, true, tuples, start, start, DumperOptions.FlowStyle.FLOW);
        Map<String, NodeTuple> fields = yaml.errors().isEmpty() ? yaml.mapping(entry, "a fault", KEYS) : null;
        Fault fault = fields == null ? null : new FaultReader(yaml, topology).read(fields, entry);
        if (!yaml.errors().isEmpty() || fault == null) {
            throw new ScenarioException(yaml.errors());
        }
        return fault;
    }

    private static ScalarNode scalar(String value, Mark at) {
        return new ScalarNode(Tag.STR, value, at, at, DumperOptions.ScalarStyle.PLAIN);
    }

    private Fault fault(Node node, Map<String, NodeTuple> fields) {
        String id = yaml.text(node, "fault");
        if (id == null) {
            return null;
        }
        Optional<FaultKind> known = FaultKind.byId(id);
        if (known.isEmpty()) {
            yaml.error(node, "unknown fault '" + id + "'" + YamlFields.hint(id, FaultKind.ids()) + ": container faults "
                    + FaultKind.ids(FaultKind.Acts.ON_NODE) + ", traffic faults " + FaultKind.ids(FaultKind.Acts.ON_NODE_TRAFFIC)
                    + ", resource faults " + FaultKind.ids(FaultKind.Acts.ON_NODE_RESOURCES) + ", "
                    + FaultKind.ids(FaultKind.Acts.ON_REDIS) + " (a Redis master), "
                    + FaultKind.ids(FaultKind.Acts.ON_POSTGRES_DISK) + " (a PostgreSQL node)"
                    + ", link faults " + FaultKind.ids(FaultKind.Acts.ON_LINK) + ", "
                    + FaultKind.ids(FaultKind.Acts.BETWEEN_GROUPS) + " (between groups), "
                    + FaultKind.ids(FaultKind.Acts.ON_HAPROXY) + " (an HAProxy), or "
                    + FaultKind.ids(FaultKind.Acts.ON_SENTINEL) + " (a sentinel)");
            return null;
        }
        FaultKind kind = known.get();
        List<String> others = FaultKind.allParameterKeys().stream()
                .filter(key -> !kind.parameterKeys().contains(key)).toList();
        yaml.forbid(fields, others, kind.parameterKeys().isEmpty() ? id + " takes no parameters"
                : id + " takes " + kind.parameterKeys().stream().map(key -> "'" + key + "'").toList());
        if (kind.acts() == FaultKind.Acts.BETWEEN_GROUPS) {
            yaml.forbid(fields, List.of("target", "link"), id + " acts between groups of nodes, named by 'groups'");
            List<List<Target>> groups = yaml.required(fields, "groups", node).map(this::groups).orElse(null);
            String direction = direction(fields);
            if (groups == null || direction == null) {
                return null;
            }
            try {
                return kind.between(groups, direction);
            } catch (IllegalArgumentException e) {
                yaml.error(fields.get("direction").getValueNode(), e.getMessage());
                return null;
            }
        }
        yaml.forbid(fields, List.of("groups"), id + " acts on " + (kind.acts() == FaultKind.Acts.ON_LINK ? "a link" : "a node")
                + "; 'groups' belongs to partition");
        if (kind.acts() == FaultKind.Acts.ON_LINK) {
            yaml.forbid(fields, List.of("target"), id + " acts on a link, named by 'link'");
            String link = yaml.required(fields, "link", node).map(this::linkName).orElse(null);
            Optional<Fault> fault = kind.onLink(link, new ParametersAt(fields, node));
            return link == null ? null : fault.orElse(null);
        }
        yaml.forbid(fields, List.of("link"), id + " acts on a node, named by 'target'");
        Target target = yaml.required(fields, "target", node).map(this::target).orElse(null);
        if (target == null) {
            return null;
        }
        Optional<Tier> only = kind.acts().tier();
        if (only.isPresent() && target.tier() != only.get()) {
            String tier = only.get().image();
            yaml.error(fields.get("target").getValueNode(), id + " acts on a " + tier + " node: use " + tier + ".any, "
                    + tier + "[i] or a node name such as " + only.get().nodeName(0));
            return null;
        }
        if (kind.acts() == FaultKind.Acts.ON_NODE_TRAFFIC) {
            NodeTuple from = fields.get("from");
            Peers peers = from == null ? new Peers.EveryOtherNode() : peers(from.getValueNode());
            String direction = direction(fields);
            // Read in full, so that every mistake of the entry is reported at once.
            Optional<Fault> fault = kind.onTraffic(target, peers == null ? new Peers.EveryOtherNode() : peers,
                    direction == null ? FaultKind.BOTH_WAYS : direction, new ParametersAt(fields, node));
            return peers == null || direction == null ? null : fault.orElse(null);
        }
        if (kind.acts().onResources()) {
            return kind.onResources(target, new ParametersAt(fields, node)).orElse(null);
        }
        return kind.onNode(target);
    }

    /** A tier ({@code sentinel}), or targets as a list or separated by commas ({@code redis0, sentinel.any}). */
    private Peers peers(Node node) {
        List<Node> items = targetItems(node, "from");
        if (items == null) {
            return null;
        }
        List<String> tiers = Arrays.stream(Tier.values()).map(Tier::image).toList();
        if (node instanceof ScalarNode scalar && tiers.contains(scalar.getValue().trim())) {
            return new Peers.OfTier(Tier.ofImage(scalar.getValue().trim()));
        }
        List<Target> targets = targets(items, "from", tiers);
        return targets == null ? null : new Peers.Named(targets);
    }

    /** Two or more lists of targets: {@code [[redis0, sentinel0], [redis1, redis2]]}, or {@code redis0, sentinel0 | redis1}. */
    private List<List<Target>> groups(Node node) {
        List<Node> groups = node instanceof ScalarNode scalar
                ? Arrays.stream(scalar.getValue().split("\\|")).map(group -> (Node) scalar(group, scalar.getStartMark())).toList()
                : node instanceof SequenceNode sequence ? sequence.getValue() : null;
        if (groups == null || groups.size() < 2) {
            yaml.error(node, "groups must be two or more lists of targets, such as [[redis0, sentinel0], [redis1, redis2,"
                    + " sentinel1, sentinel2]]");
            return null;
        }
        List<List<Target>> read = new ArrayList<>();
        for (Node group : groups) {
            List<Node> items = targetItems(group, "a group");
            List<Target> targets = items == null ? null : targets(items, "a group", List.of());
            if (targets == null) {
                return null;
            }
            read.add(targets);
        }
        return read;
    }

    /** The items of a list, or of a value separated by commas; null when it is neither (said why). */
    private List<Node> targetItems(Node node, String what) {
        if (node instanceof SequenceNode sequence && !sequence.getValue().isEmpty()) {
            return sequence.getValue();
        }
        if (node instanceof ScalarNode scalar && !scalar.getValue().isBlank()) {
            return Arrays.stream(scalar.getValue().split(",")).map(item -> (Node) scalar(item.trim(), scalar.getStartMark()))
                    .toList();
        }
        yaml.error(node, what + " must name one node or more");
        return null;
    }

    /** @param tiers the tiers that may stand instead of the targets, offered with them */
    private List<Target> targets(List<Node> items, String what, List<String> tiers) {
        List<Target> targets = new ArrayList<>();
        for (Node item : items) {
            Target target = target(item, what, tiers);
            if (target == null) {
                return null;
            }
            targets.add(target);
        }
        return targets;
    }

    /** The target a file's {@code target} names. */
    private Target target(Node node) {
        return target(node, "target", List.of());
    }

    /** @param what the key or the list the target is given in, for the message */
    private Target target(Node node, String what, List<String> tiers) {
        String expression = yaml.text(node, what);
        if (expression == null || topology == null) {
            return null;
        }
        try {
            return Target.parse(expression, topology);
        } catch (Target.Unknown e) {
            yaml.error(node, "unknown target '" + expression + "'" + (what.equals("target") ? "" : " in " + what)
                    + YamlFields.hint(expression, Stream.concat(tiers.stream(), Target.choices(topology).stream()).toList())
                    + ": use " + (tiers.isEmpty() ? "" : "a tier (" + String.join(", ", tiers) + ") or ") + Target.forms());
        } catch (IllegalArgumentException e) {
            yaml.error(node, e.getMessage());
        }
        return null;
    }

    private String direction(Map<String, NodeTuple> fields) {
        NodeTuple field = fields.get("direction");
        if (field == null) {
            return FaultKind.BOTH_WAYS;
        }
        String value = yaml.text(field.getValueNode(), "direction");
        List<String> choices = FaultKind.directions();
        if (value != null && !choices.contains(value)) {
            yaml.error(field.getValueNode(), "unknown direction '" + value + "'" + YamlFields.hint(value, choices)
                    + ": use both, in (only what the target receives) or out (only what it sends)");
            return null;
        }
        return value;
    }

    /** A link fault's parameters in a timeline entry. */
    private final class ParametersAt implements FaultKind.Parameters {

        private final Map<String, NodeTuple> fields;
        private final Node entry;

        ParametersAt(Map<String, NodeTuple> fields, Node entry) {
            this.fields = fields;
            this.entry = entry;
        }

        @Override
        public Duration duration(String key) {
            return yaml.required(fields, key, entry).map(value -> yaml.duration(value, key)).orElse(null);
        }

        @Override
        public Duration durationOr(String key, Duration fallback) {
            return yaml.durationOr(fields.get(key), fallback);
        }

        @Override
        public Double percent(String key) {
            return yaml.required(fields, key, entry).map(value -> {
                Double fraction = yaml.percent(value, key);
                if (fraction != null && fraction == 0) {
                    yaml.error(value, key + " must be more than 0%");
                    return null;
                }
                return fraction;
            }).orElse(null);
        }

        @Override
        public Integer count(String key) {
            return yaml.required(fields, key, entry).map(value -> yaml.nonNegativeInteger(value, key)).orElse(null);
        }
    }

    private String linkName(Node node) {
        String link = yaml.text(node, "link");
        if (link == null || topology == null) {
            return null;
        }
        List<String> names = links();
        if (!names.contains(link)) {
            yaml.error(node, "unknown link '" + link + "'" + YamlFields.hint(link, names) + ": use one of " + names);
            return null;
        }
        return link;
    }

    /** Every link by name, and every kind of link by its prefix (all links of that kind). */
    private List<String> links() {
        Set<String> names = new LinkedHashSet<>();
        for (Link link : topology.links()) {
            names.add(link.kind().prefix());
            names.add(link.name());
        }
        return List.copyOf(names);
    }
}
