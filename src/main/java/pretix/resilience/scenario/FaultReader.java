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
import org.yaml.snakeyaml.nodes.Tag;
import pretix.resilience.fault.Fault;
import pretix.resilience.fault.FaultKind;
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
    static final List<String> KEYS = Stream.of(List.of("fault", "target", "link"),
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
                    + ", link faults " + FaultKind.ids(FaultKind.Acts.ON_LINK) + ", "
                    + FaultKind.ids(FaultKind.Acts.ON_HAPROXY) + " (an HAProxy), or "
                    + FaultKind.ids(FaultKind.Acts.ON_SENTINEL) + " (a sentinel)");
            return null;
        }
        FaultKind kind = known.get();
        List<String> others = FaultKind.allParameterKeys().stream()
                .filter(key -> !kind.parameterKeys().contains(key)).toList();
        yaml.forbid(fields, others, kind.parameterKeys().isEmpty() ? id + " takes no parameters"
                : id + " takes " + kind.parameterKeys().stream().map(key -> "'" + key + "'").toList());
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
            Optional<Tier> tier = from == null ? Optional.empty() : Optional.ofNullable(tier(from.getValueNode()));
            Optional<Fault> fault = kind.onTraffic(target, tier, new ParametersAt(fields, node));
            return from != null && tier.isEmpty() ? null : fault.orElse(null);
        }
        return kind.onNode(target);
    }

    private Tier tier(Node node) {
        String name = yaml.text(node, "from");
        if (name == null) {
            return null;
        }
        List<String> tiers = Arrays.stream(Tier.values()).map(Tier::image).toList();
        if (!tiers.contains(name)) {
            yaml.error(node, "unknown tier '" + name + "'" + YamlFields.hint(name, tiers) + ": use one of " + tiers);
            return null;
        }
        return Tier.ofImage(name);
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

    private Target target(Node node) {
        String expression = yaml.text(node, "target");
        if (expression == null || topology == null) {
            return null;
        }
        try {
            return Target.parse(expression, topology);
        } catch (Target.Unknown e) {
            yaml.error(node, "unknown target '" + expression + "'" + YamlFields.hint(expression, Target.choices(topology))
                    + ": use " + Target.forms());
        } catch (IllegalArgumentException e) {
            yaml.error(node, e.getMessage());
        }
        return null;
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
