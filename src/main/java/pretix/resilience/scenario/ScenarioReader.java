package pretix.resilience.scenario;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import pretix.resilience.fault.FaultKind;
import pretix.resilience.fault.Fault;
import pretix.resilience.fault.Target;
import pretix.resilience.history.OperationKind;
import pretix.resilience.result.RunPlan;
import pretix.resilience.slo.Expectation;
import pretix.resilience.slo.Slo;
import pretix.resilience.slo.SloKind;
import pretix.resilience.slo.SloProfile;
import pretix.resilience.stack.Link;
import pretix.resilience.stack.Profile;
import pretix.resilience.stack.ReplicaKnob;
import pretix.resilience.stack.Tier;
import pretix.resilience.stack.Topology;
import pretix.resilience.stack.TopologyException;

/**
 * Reads and validates a scenario file completely before anything starts: every problem is
 * collected with its line and column, what is wrong and what would be valid. The format is
 * documented in {@code scenarios/README.md}.
 */
public final class ScenarioReader {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern PERCENT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*%");
    private static final List<String> TOP_LEVEL = List.of("name", "description", "profile", "replicas", "workload",
            "steady_state", "timeline", "slo_profile", "slos", "expect", "tags");
    private static final List<String> WORKLOAD = List.of("rate", "concurrency", "warm_up", "after_heal",
            "client_timeout", "probe_rate");
    private static final List<String> STEP = Stream.of(List.of("at", "after", "fault", "target", "link"),
            FaultKind.allParameterKeys(), List.of("duration")).flatMap(List::stream).toList();

    private final String file;
    private final Profile profileOverride;
    private final List<ScenarioError> errors = new ArrayList<>();

    private ScenarioReader(String file, Profile profileOverride) {
        this.file = file;
        this.profileOverride = profileOverride;
    }

    public static Scenario read(Path path) throws ScenarioException {
        return read(path, null);
    }

    /** Reads the file as if it named {@code profileOverride} (when not null) as its profile. */
    public static Scenario read(Path path, Profile profileOverride) throws ScenarioException {
        String file = path.toString();
        try (Reader reader = Files.newBufferedReader(path)) {
            return new ScenarioReader(file, profileOverride).parse(reader);
        } catch (IOException e) {
            throw new ScenarioException(List.of(new ScenarioError(file, 1, 1, "cannot read the file: " + e)));
        }
    }

    /**
     * A fault given on a command line as a timeline entry's keys ({@code fault=kill
     * target=redis.master}, {@code fault=latency link=shop-pgpool latency=2s}), validated as in a file.
     */
    public static Fault fault(List<String> assignments, Topology topology) throws ScenarioException {
        ScenarioReader reader = new ScenarioReader("command line", null);
        List<String> pairs = new ArrayList<>();
        for (String assignment : assignments) {
            int equals = assignment.indexOf('=');
            if (equals < 1) {
                throw new ScenarioException(List.of(new ScenarioError("command line", 1, 1, "'" + assignment
                        + "' is not key=value, such as fault=kill or target=redis.master")));
            }
            pairs.add(assignment.substring(0, equals) + ": '" + assignment.substring(equals + 1).replace("'", "''") + "'");
        }
        Node root = new Yaml(new LoaderOptions()).compose(new StringReader("{" + String.join(", ", pairs) + "}"));
        Map<String, NodeTuple> fields = reader.mapping(root, "a fault", STEP.stream()
                .filter(key -> !List.of("at", "after", "duration").contains(key)).toList());
        Fault fault = fields == null ? null
                : reader.required(fields, "fault", root).map(kind -> reader.fault(kind, fields, topology)).orElse(null);
        if (!reader.errors.isEmpty() || fault == null) {
            throw new ScenarioException(reader.errors);
        }
        return fault;
    }

    private Scenario parse(Reader reader) throws ScenarioException {
        Node root;
        try {
            root = new Yaml(new LoaderOptions()).compose(reader);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            throw new ScenarioException(List.of(new ScenarioError(file, mark.getLine() + 1, mark.getColumn() + 1,
                    "not valid YAML: " + e.getProblem())));
        }
        if (root == null) {
            throw new ScenarioException(List.of(new ScenarioError(file, 1, 1,
                    "the file is empty: a scenario needs at least name, description, profile and timeline")));
        }
        Map<String, NodeTuple> top = mapping(root, "a scenario", TOP_LEVEL);
        if (top == null) {
            throw new ScenarioException(errors);
        }
        String name = required(top, "name", root).map(node -> text(node, "name")).orElse(null);
        if (name != null && !NAME.matcher(name).matches()) {
            error(top.get("name").getValueNode(), "name '" + name
                    + "' must be lower-case letters, digits and dashes (it names the report directory)");
        }
        String description = required(top, "description", root).map(node -> text(node, "description")).orElse("");
        Profile profile = required(top, "profile", root).map(this::profile)
                .map(named -> profileOverride == null ? named : profileOverride).orElse(null);
        Topology topology = profile == null ? null : topology(profile, top.get("replicas"));
        RunPlan plan = plan(top.get("workload"));
        List<TimelineEntry> timeline = required(top, "timeline", root)
                .map(node -> timeline(node, topology)).orElse(List.of());
        SloProfile sloProfile = Optional.ofNullable(top.get("slo_profile")).map(this::sloProfile)
                .orElse(SloProfile.DEFAULT);
        List<Slo> objectives = objectives(sloProfile, top.get("steady_state"), top.get("slos"));
        Expectation expectation = expectation(top.get("expect"), objectives);
        Set<String> tags = Optional.ofNullable(top.get("tags")).map(tuple -> strings(tuple.getValueNode(), "tags"))
                .orElse(Set.of());
        if (!errors.isEmpty()) {
            throw new ScenarioException(errors);
        }
        return new Scenario(file, name, description, topology, plan, timeline, sloProfile, objectives, expectation, tags);
    }

    private Profile profile(Node node) {
        String value = text(node, "profile");
        List<String> ids = Arrays.stream(Profile.values()).map(Profile::id).toList();
        if (value == null || !ids.contains(value)) {
            error(node, "unknown profile '" + value + "'" + hint(value, ids) + ": choose one of " + ids);
            return null;
        }
        return Profile.parse(value);
    }

    private Topology topology(Profile profile, NodeTuple replicas) {
        Topology.Builder builder = Topology.builder(profile);
        if (replicas != null) {
            Map<String, NodeTuple> counts = mapping(replicas.getValueNode(), "replicas",
                    Arrays.stream(ReplicaKnob.values()).map(ReplicaKnob::key).toList());
            if (counts == null) {
                return null;
            }
            for (NodeTuple count : counts.values()) {
                Integer value = positiveInteger(count.getValueNode(), key(count));
                if (value != null) {
                    builder.set(ReplicaKnob.byKey(key(count)).orElseThrow(), value);
                }
            }
        }
        try {
            return builder.build();
        } catch (TopologyException e) {
            Node where = replicas != null ? replicas.getKeyNode() : null;
            for (String problem : e.problems()) {
                errors.add(where == null ? new ScenarioError(file, 1, 1, problem) : located(where, problem));
            }
            return null;
        }
    }

    private RunPlan plan(NodeTuple workload) {
        RunPlan defaults = RunPlan.defaults();
        if (workload == null) {
            return defaults;
        }
        Map<String, NodeTuple> fields = mapping(workload.getValueNode(), "workload", WORKLOAD);
        if (fields == null) {
            return defaults;
        }
        // A stated after_heal is observed in full; the default ends once the stack has settled.
        Duration afterHeal = durationOr(fields.get("after_heal"), null);
        return new RunPlan(
                durationOr(fields.get("warm_up"), defaults.warmUp()),
                afterHeal != null ? afterHeal : defaults.afterHeal(),
                afterHeal != null ? afterHeal : defaults.afterHealAtLeast(),
                numberOr(fields.get("rate"), defaults.ordersPerSecond()),
                Optional.ofNullable(fields.get("concurrency")).map(tuple -> positiveInteger(tuple.getValueNode(),
                        "concurrency")).orElse(defaults.buyers()),
                numberOr(fields.get("probe_rate"), defaults.probeWritesPerSecond()),
                durationOr(fields.get("client_timeout"), defaults.clientTimeout()),
                defaults.stability(), defaults.redundancyBound());
    }

    private List<TimelineEntry> timeline(Node node, Topology topology) {
        if (!(node instanceof SequenceNode sequence)) {
            error(node, "timeline must be a list of faults, each starting with '- at:' or '- after:'");
            return List.of();
        }
        List<TimelineEntry> entries = new ArrayList<>();
        for (Node item : sequence.getValue()) {
            Map<String, NodeTuple> fields = mapping(item, "a timeline entry", STEP);
            if (fields == null) {
                continue;
            }
            NodeTuple at = fields.get("at");
            NodeTuple after = fields.get("after");
            if ((at == null) == (after == null)) {
                error(item, at == null ? "a timeline entry needs 'at' (after the steady state) or 'after' (after the"
                        + " previous fault's injection)" : "give either 'at' or 'after', not both");
            }
            DurationRange offset = Optional.ofNullable(at != null ? at : after).map(this::range).orElse(null);
            Fault fault = required(fields, "fault", item).map(kind -> fault(kind, fields, topology)).orElse(null);
            Duration duration = required(fields, "duration", item).map(value -> duration(value, "duration"))
                    .orElse(null);
            if (duration != null && duration.isZero()) {
                error(fields.get("duration").getValueNode(), "duration must be longer than 0s: it is how long the"
                        + " fault stays before it is healed");
            }
            if (offset != null && fault != null && duration != null) {
                entries.add(new TimelineEntry(offset, after != null, fault, duration));
            }
        }
        return entries;
    }

    private Fault fault(Node node, Map<String, NodeTuple> fields, Topology topology) {
        String id = text(node, "fault");
        if (id == null) {
            return null;
        }
        Optional<FaultKind> known = FaultKind.byId(id);
        if (known.isEmpty()) {
            error(node, "unknown fault '" + id + "'" + hint(id, FaultKind.ids()) + ": container faults "
                    + FaultKind.ids(FaultKind.Acts.ON_NODE) + ", link faults " + FaultKind.ids(FaultKind.Acts.ON_LINK)
                    + ", or " + FaultKind.ids(FaultKind.Acts.ON_HAPROXY) + " (an HAProxy)");
            return null;
        }
        FaultKind kind = known.get();
        List<String> others = FaultKind.allParameterKeys().stream()
                .filter(key -> !kind.parameterKeys().contains(key)).toList();
        forbid(fields, others, kind.parameterKeys().isEmpty() ? id + " takes no parameters"
                : id + " takes " + kind.parameterKeys().stream().map(key -> "'" + key + "'").toList());
        if (kind.acts() == FaultKind.Acts.ON_LINK) {
            forbid(fields, List.of("target"), id + " acts on a link, named by 'link'");
            String link = required(fields, "link", node).map(value -> linkName(value, topology)).orElse(null);
            Optional<Fault> fault = kind.onLink(link, new ParametersAt(fields, node));
            return link == null ? null : fault.orElse(null);
        }
        forbid(fields, List.of("link"), id + " acts on a node, named by 'target'");
        Target target = required(fields, "target", node).map(value -> target(value, topology)).orElse(null);
        if (target == null) {
            return null;
        }
        if (kind.acts() == FaultKind.Acts.ON_HAPROXY && !target.expression().startsWith(Tier.HAPROXY.image())) {
            error(fields.get("target").getValueNode(), id + " acts on an HAProxy: use haproxy.any, haproxy[i]"
                    + " or a node name such as haproxy0");
            return null;
        }
        return kind.onNode(target);
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
            return required(fields, key, entry).map(value -> ScenarioReader.this.duration(value, key)).orElse(null);
        }

        @Override
        public Duration durationOr(String key, Duration fallback) {
            return ScenarioReader.this.durationOr(fields.get(key), fallback);
        }

        @Override
        public Integer count(String key) {
            return required(fields, key, entry).map(value -> nonNegativeInteger(value, key)).orElse(null);
        }
    }

    private Target target(Node node, Topology topology) {
        String expression = text(node, "target");
        if (expression == null || topology == null) {
            return null;
        }
        try {
            return Target.parse(expression, topology);
        } catch (IllegalArgumentException e) {
            error(node, e.getMessage().startsWith("unknown target")
                    ? "unknown target '" + expression + "'" + hint(expression, targets(topology)) + ": use "
                            + Target.forms()
                    : e.getMessage());
            return null;
        }
    }

    private String linkName(Node node, Topology topology) {
        String link = text(node, "link");
        if (link == null || topology == null) {
            return null;
        }
        List<String> names = links(topology);
        if (!names.contains(link)) {
            error(node, "unknown link '" + link + "'" + hint(link, names) + ": use one of " + names);
            return null;
        }
        return link;
    }

    private static List<String> links(Topology topology) {
        Set<String> names = new LinkedHashSet<>();
        for (Link link : topology.links()) {
            names.add(link.kind().prefix());
            names.add(link.name());
        }
        return List.copyOf(names);
    }

    private static List<String> targets(Topology topology) {
        List<String> targets = new ArrayList<>(List.of("redis.master", "redis.replica.any", "postgres.primary",
                "postgres.standby.any"));
        for (Tier tier : Tier.values()) {
            if (tier != Tier.TOXIPROXY) {
                targets.add(tier.image() + ".any");
                topology.nodes(tier).forEach(node -> targets.add(node.name()));
            }
        }
        return targets;
    }

    private SloProfile sloProfile(NodeTuple tuple) {
        String id = text(tuple.getValueNode(), "slo_profile");
        if (id == null) {
            return SloProfile.DEFAULT;
        }
        return SloProfile.byId(id).orElseGet(() -> {
            error(tuple.getValueNode(), "unknown slo_profile '" + id + "'" + hint(id, SloProfile.ids())
                    + ": choose one of " + SloProfile.ids());
            return SloProfile.DEFAULT;
        });
    }

    /** The profile's objectives, each replaced by the file's own where it sets one. */
    private List<Slo> objectives(SloProfile profile, NodeTuple steadyState, NodeTuple overrides) {
        Map<String, Slo> objectives = new LinkedHashMap<>();
        profile.objectives().forEach(slo -> objectives.put(slo.id(), slo));
        if (steadyState != null) {
            Map<String, NodeTuple> fields = mapping(steadyState.getValueNode(), "steady_state", List.of("availability"));
            if (fields != null && fields.containsKey("availability")) {
                Double fraction = percent(fields.get("availability").getValueNode(), "availability");
                if (fraction != null) {
                    objectives.put("steady_availability", new Slo.SteadyAvailability(fraction));
                }
            }
        }
        if (overrides != null) {
            Map<String, NodeTuple> fields = mapping(overrides.getValueNode(), "slos", SloKind.ids());
            if (fields != null) {
                fields.forEach((id, tuple) -> SloKind.byId(id).orElseThrow()
                        .read(new ValuesAt(tuple.getValueNode(), id)).ifPresent(slo -> objectives.put(id, slo)));
            }
        }
        return List.copyOf(objectives.values());
    }

    /** The value of one objective in a file, read in the shape its kind asks for. */
    private final class ValuesAt implements SloKind.Values {

        private final Node value;
        private final String id;

        ValuesAt(Node value, String id) {
            this.value = value;
            this.id = id;
        }

        @Override
        public Duration duration() {
            return ScenarioReader.this.duration(value, id);
        }

        @Override
        public Double fraction() {
            return percent(value, id);
        }

        @Override
        public Integer count() {
            return nonNegativeInteger(value, id);
        }

        @Override
        public SloKind.PerOperations perOperations() {
            return perKind(value, id);
        }

        @Override
        public Boolean alwaysTrue() {
            if (!"true".equals(text(value, id))) {
                error(value, id + " can only be 'true': no unexplained order and no oversold quota is never negotiable");
                return null;
            }
            return true;
        }
    }

    /**
     * A time objective that judges kinds of operation: a duration for every kind, or
     * {@code {target: 5s, operations: [orders, redis_writes]}} for some.
     */
    private SloKind.PerOperations perKind(Node value, String id) {
        if (!(value instanceof MappingNode)) {
            Duration bound = duration(value, id);
            return bound == null ? null : new SloKind.PerOperations(bound, EnumSet.allOf(OperationKind.class), false);
        }
        boolean healBound = id.equals(SloKind.HEAL_DISRUPTION.id());
        Map<String, NodeTuple> fields = mapping(value, id, healBound ? List.of("target", "operations", "after")
                : List.of("target", "operations"));
        if (fields == null) {
            return null;
        }
        Duration bound = required(fields, "target", value).map(target -> duration(target, id + " target")).orElse(null);
        Set<OperationKind> kinds = EnumSet.noneOf(OperationKind.class);
        NodeTuple operations = fields.get("operations");
        if (operations == null) {
            kinds.addAll(EnumSet.allOf(OperationKind.class));
        } else {
            Set<String> names = strings(operations.getValueNode(), "operations");
            for (String name : names) {
                OperationKind.byId(name).ifPresentOrElse(kinds::add, () -> error(operations.getValueNode(),
                        "unknown operations '" + name + "'" + hint(name, OperationKind.ids()) + ": use "
                                + OperationKind.ids()));
            }
            if (names.isEmpty()) {
                error(operations.getValueNode(), "operations must name at least one of " + OperationKind.ids());
            }
        }
        boolean afterRejoin = false;
        NodeTuple after = fields.get("after");
        if (after != null) {
            String from = text(after.getValueNode(), "after");
            if (from == null) {
                return null;
            }
            afterRejoin = "rejoin".equals(from);
            if (!afterRejoin && !"heal".equals(from)) {
                error(after.getValueNode(), "after must be 'heal' (the default: the bound counts from the heal) or"
                        + " 'rejoin' (from when every tier is complete again)");
                return null;
            }
        }
        return bound == null || kinds.isEmpty() ? null : new SloKind.PerOperations(bound, kinds, afterRejoin);
    }

    private Expectation expectation(NodeTuple expect, List<Slo> objectives) {
        if (expect == null) {
            return Expectation.NONE;
        }
        Map<String, NodeTuple> fields = mapping(expect.getValueNode(), "expect", List.of("violated", "may_be_violated"));
        if (fields == null) {
            return Expectation.NONE;
        }
        List<String> ids = objectives.stream().map(Slo::id).toList();
        Set<String> violated = objectiveIds(fields.get("violated"), "violated", ids);
        Set<String> mayBeViolated = objectiveIds(fields.get("may_be_violated"), "may_be_violated", ids);
        for (Node item : items(fields.get("may_be_violated"))) {
            if (item instanceof ScalarNode id && violated.contains(id.getValue().trim())) {
                error(item, "'" + id.getValue().trim() + "' is listed under violated already: an objective is either"
                        + " expected to be violated or may be violated, not both");
            }
        }
        return new Expectation(violated, mayBeViolated);
    }

    /** A list of this scenario's objective ids, such as {@code [recovery_time]}; empty when absent. */
    private Set<String> objectiveIds(NodeTuple field, String name, List<String> ids) {
        Set<String> listed = new LinkedHashSet<>();
        if (field != null && !(field.getValueNode() instanceof SequenceNode)) {
            error(field.getValueNode(), name + " must be a list of objective ids, such as [recovery_time]");
            return listed;
        }
        for (Node item : items(field)) {
            String id = text(item, "an objective id");
            if (id != null && !ids.contains(id)) {
                error(item, "'" + id + "' is not one of this scenario's objectives" + hint(id, ids) + ": " + ids);
            } else if (id != null) {
                listed.add(id);
            }
        }
        return listed;
    }

    private static List<Node> items(NodeTuple field) {
        return field != null && field.getValueNode() instanceof SequenceNode sequence ? sequence.getValue() : List.of();
    }

    private Set<String> strings(Node node, String what) {
        if (!(node instanceof SequenceNode sequence)) {
            error(node, what + " must be a list, such as [finding]");
            return Set.of();
        }
        Set<String> values = new LinkedHashSet<>();
        sequence.getValue().forEach(item -> Optional.ofNullable(text(item, what)).ifPresent(values::add));
        return values;
    }

    // ---- typed values, each reporting its own error ----

    private Map<String, NodeTuple> mapping(Node node, String what, List<String> allowed) {
        if (!(node instanceof MappingNode mapping)) {
            error(node, what + " must be a mapping of keys to values: " + allowed);
            return null;
        }
        Map<String, NodeTuple> fields = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            String key = key(tuple);
            if (!allowed.contains(key)) {
                error(tuple.getKeyNode(), "unknown key '" + key + "' in " + what + hint(key, allowed)
                        + ": valid keys are " + allowed);
            } else if (fields.containsKey(key)) {
                error(tuple.getKeyNode(), "'" + key + "' is given twice in " + what);
            } else {
                fields.put(key, tuple);
            }
        }
        return fields;
    }

    private Optional<Node> required(Map<String, NodeTuple> fields, String key, Node parent) {
        NodeTuple tuple = fields.get(key);
        if (tuple == null) {
            error(parent, "'" + key + "' is missing");
            return Optional.empty();
        }
        return Optional.of(tuple.getValueNode());
    }

    private void forbid(Map<String, NodeTuple> fields, List<String> keys, String why) {
        for (String key : keys) {
            if (fields.containsKey(key)) {
                error(fields.get(key).getKeyNode(), "'" + key + "' does not apply here: " + why);
            }
        }
    }

    private String text(Node node, String what) {
        if (!(node instanceof ScalarNode scalar) || scalar.getValue().isBlank()) {
            error(node, what + " must be a single value");
            return null;
        }
        return scalar.getValue().trim();
    }

    private Duration duration(Node node, String what) {
        String value = text(node, what);
        if (value == null) {
            return null;
        }
        return Durations.parse(value).orElseGet(() -> {
            error(node, what + " '" + value + "' is not " + Durations.FORMS);
            return null;
        });
    }

    private Duration durationOr(NodeTuple tuple, Duration fallback) {
        return tuple == null ? fallback : Optional.ofNullable(duration(tuple.getValueNode(), key(tuple))).orElse(fallback);
    }

    private DurationRange range(NodeTuple tuple) {
        String value = text(tuple.getValueNode(), key(tuple));
        if (value == null) {
            return null;
        }
        String[] bounds = value.split("\\.\\.", -1);
        Optional<Duration> min = Durations.parse(bounds[0]);
        Optional<Duration> max = bounds.length == 2 ? Durations.parse(bounds[1]) : min;
        if (bounds.length > 2 || min.isEmpty() || max.isEmpty()) {
            error(tuple.getValueNode(), key(tuple) + " '" + value + "' is not " + Durations.FORMS
                    + ", or a range such as 2s..8s that the run's seed picks from");
            return null;
        }
        if (max.get().compareTo(min.get()) < 0) {
            error(tuple.getValueNode(), key(tuple) + " '" + value + "': the range ends before it starts");
            return null;
        }
        return new DurationRange(min.get(), max.get());
    }

    private double numberOr(NodeTuple tuple, double fallback) {
        if (tuple == null) {
            return fallback;
        }
        String value = text(tuple.getValueNode(), key(tuple));
        try {
            double number = Double.parseDouble(value);
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException | NullPointerException e) {
            // reported below
        }
        error(tuple.getValueNode(), key(tuple) + " '" + value + "' must be a number above 0 (per second)");
        return fallback;
    }

    private Integer positiveInteger(Node node, String what) {
        Integer value = nonNegativeInteger(node, what);
        if (value != null && value == 0) {
            error(node, what + " must be at least 1");
            return null;
        }
        return value;
    }

    private Integer nonNegativeInteger(Node node, String what) {
        String value = text(node, what);
        if (value == null) {
            return null;
        }
        try {
            int number = Integer.parseInt(value);
            if (number >= 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        error(node, what + " '" + value + "' must be a whole number, 0 or more");
        return null;
    }

    private Double percent(Node node, String what) {
        String value = text(node, what);
        if (value == null) {
            return null;
        }
        Matcher matcher = PERCENT.matcher(value);
        if (!matcher.matches() || Double.parseDouble(matcher.group(1)) > 100) {
            error(node, what + " '" + value + "' must be a percentage from 0% to 100%, such as 1% or 99.5%");
            return null;
        }
        return Double.parseDouble(matcher.group(1)) / 100;
    }

    private static String key(NodeTuple tuple) {
        return tuple.getKeyNode() instanceof ScalarNode scalar ? scalar.getValue() : String.valueOf(tuple.getKeyNode());
    }

    private static String hint(String given, List<String> choices) {
        return given == null ? "" : DidYouMean.hint(given, choices);
    }

    private void error(Node node, String message) {
        errors.add(located(node, message));
    }

    private ScenarioError located(Node node, String message) {
        Mark mark = node.getStartMark();
        return new ScenarioError(file, mark.getLine() + 1, mark.getColumn() + 1, message);
    }
}
