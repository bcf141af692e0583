package pretix.resilience.scenario;

import java.io.StringReader;
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
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import pretix.resilience.fault.Fault;
import pretix.resilience.history.OperationKind;
import pretix.resilience.result.Arrivals;
import pretix.resilience.result.LoadLevel;
import pretix.resilience.result.LoadPhase;
import pretix.resilience.result.LoadProfile;
import pretix.resilience.result.RunPlan;
import pretix.resilience.slo.Expectation;
import pretix.resilience.slo.Slo;
import pretix.resilience.slo.SloKind;
import pretix.resilience.slo.SloProfile;
import pretix.resilience.stack.Profile;
import pretix.resilience.stack.ReplicaKnob;
import pretix.resilience.stack.Topology;
import pretix.resilience.stack.TopologyException;

/**
 * Reads and validates a scenario file completely before anything starts: every problem is
 * collected with its line and column, what is wrong and what would be valid. The format is
 * documented in {@code scenarios/README.md}.
 */
public final class ScenarioReader {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");
    /** A report directory is named {@code <16-character time>-<name>}; file systems allow 255 bytes. */
    private static final int LONGEST_NAME = 100;
    /** Orders or probe writes per second: far beyond what one machine's stack serves. */
    private static final double HIGHEST_RATE = 10_000;
    /** Orders in flight at once: each holds a connection to an nginx. */
    private static final int MOST_IN_FLIGHT = 10_000;
    private static final Pattern PERCENT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*%");
    private static final List<String> TOP_LEVEL = List.of("name", "description", "profile", "replicas", "workload",
            "steady_state", "timeline", "random_faults", "slo_profile", "slos", "expect", "tags");
    private static final List<String> RANDOM_FAULTS = List.of("duration", "hold", "gap", "faults");
    private static final List<String> WORKLOAD = List.of("rate", "profile", "arrivals", "max_in_flight", "warm_up",
            "after_heal", "client_timeout", "probe_rate");
    private static final List<String> LOAD_PHASE = List.of("load", "rate", "duration");
    private static final List<String> STEP = Stream.of(List.of("at", "after"), FaultReader.KEYS, List.of("duration"))
            .flatMap(List::stream).toList();

    private final String file;
    private final Profile profileOverride;
    private final YamlFields yaml;

    private ScenarioReader(String file, Profile profileOverride) {
        this.file = file;
        this.profileOverride = profileOverride;
        this.yaml = new YamlFields(file);
    }

    public static Scenario read(Path path) throws ScenarioException {
        return read(path, null);
    }

    /** Reads the file as if it named {@code profileOverride} (when not null) as its profile. */
    public static Scenario read(Path path, Profile profileOverride) throws ScenarioException {
        return read(path.toString(), ScenarioText.read(path), profileOverride);
    }

    /** A scenario's text from elsewhere than a file; {@code origin} stands for the file in errors. */
    static Scenario read(String origin, String text, Profile profileOverride) throws ScenarioException {
        return new ScenarioReader(origin, profileOverride).parse(text);
    }

    private Scenario parse(String text) throws ScenarioException {
        Node root;
        try {
            root = new Yaml(new LoaderOptions()).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            throw new ScenarioException(List.of(new ScenarioError(file, mark.getLine() + 1, mark.getColumn() + 1,
                    "not valid YAML: " + e.getProblem())));
        } catch (YAMLException e) {
            // The reader's own limits: aliases of collections (an alias bomb) and nesting depth.
            throw new ScenarioException(List.of(new ScenarioError(file, 1, 1, "not a scenario: " + e.getMessage()
                    + " (a scenario file needs neither aliases of lists or mappings nor deep nesting)")));
        }
        if (root == null) {
            throw new ScenarioException(List.of(new ScenarioError(file, 1, 1,
                    "the file is empty: a scenario needs at least name, description, profile and timeline")));
        }
        Map<String, NodeTuple> top = yaml.mapping(root, "a scenario", TOP_LEVEL);
        if (top == null) {
            throw new ScenarioException(yaml.errors());
        }
        String name = yaml.required(top, "name", root).map(node -> yaml.text(node, "name")).orElse(null);
        if (name != null && name.length() > LONGEST_NAME) {
            yaml.error(top.get("name").getValueNode(), "name is " + name.length() + " characters long: at most "
                    + LONGEST_NAME + " (it names the report directory)");
        } else if (name != null && !NAME.matcher(name).matches()) {
            yaml.error(top.get("name").getValueNode(), "name '" + name
                    + "' must be lower-case letters, digits and dashes (it names the report directory)");
        }
        String description = yaml.required(top, "description", root).map(node -> yaml.text(node, "description")).orElse("");
        Profile profile = yaml.required(top, "profile", root).map(this::profile)
                .map(named -> profileOverride == null ? named : profileOverride).orElse(null);
        Topology topology = profile == null ? null : topology(profile, top.get("replicas"));
        RunPlan plan = plan(top.get("workload"));
        RandomFaults randomFaults = Optional.ofNullable(top.get("random_faults"))
                .map(tuple -> randomFaults(tuple.getValueNode(), topology)).orElse(null);
        List<Step> timeline = List.of();
        if (top.containsKey("random_faults") && top.containsKey("timeline")) {
            yaml.error(top.get("random_faults").getKeyNode(), "give either 'timeline' or 'random_faults', not both");
        } else if (!top.containsKey("random_faults")) {
            timeline = yaml.required(top, "timeline", root).map(node -> timeline(node, topology)).orElse(List.of());
        }
        SloProfile sloProfile = Optional.ofNullable(top.get("slo_profile")).map(this::sloProfile)
                .orElse(SloProfile.DEFAULT);
        List<Slo> objectives = objectives(sloProfile, top.get("steady_state"), top.get("slos"));
        List<String> objectiveIds = objectives.stream().map(Slo::id).toList();
        NodeTuple expect = top.get("expect");
        Map<String, NodeTuple> expectFields = expect == null ? null
                : yaml.mapping(expect.getValueNode(), "expect", List.of("violated", "may_be_violated", "on_swarm"));
        Expectation expectation = expectation(expectFields, objectiveIds);
        NodeTuple onSwarm = expectFields == null ? null : expectFields.get("on_swarm");
        Expectation expectationOnSwarm = onSwarm == null ? expectation : expectation(yaml.mapping(onSwarm.getValueNode(),
                "on_swarm", List.of("violated", "may_be_violated")), objectiveIds);
        Set<String> tags = Optional.ofNullable(top.get("tags")).map(tuple -> yaml.strings(tuple.getValueNode(), "tags"))
                .orElse(Set.of());
        if (!yaml.errors().isEmpty()) {
            throw new ScenarioException(yaml.errors());
        }
        return new Scenario(file, name, description, topology, plan, timeline, randomFaults, sloProfile, objectives,
                expectation, expectationOnSwarm, tags);
    }

    private Profile profile(Node node) {
        return yaml.oneOf(node, "profile", List.of(Profile.values()), Profile::id);
    }

    private Topology topology(Profile profile, NodeTuple replicas) {
        Topology.Builder builder = Topology.builder(profile);
        if (replicas != null) {
            Map<String, NodeTuple> counts = yaml.mapping(replicas.getValueNode(), "replicas",
                    Arrays.stream(ReplicaKnob.values()).map(ReplicaKnob::key).toList());
            if (counts == null) {
                return null;
            }
            for (NodeTuple count : counts.values()) {
                Integer value = yaml.nonNegativeInteger(count.getValueNode(), YamlFields.key(count));
                if (value != null) {
                    builder.set(ReplicaKnob.byKey(YamlFields.key(count)).orElseThrow(), value);
                }
            }
        }
        try {
            return builder.build();
        } catch (TopologyException e) {
            Node where = replicas != null ? replicas.getKeyNode() : null;
            for (String problem : e.problems()) {
                yaml.errors().add(where == null ? new ScenarioError(file, 1, 1, problem) : yaml.located(where, problem));
            }
            return null;
        }
    }

    private RunPlan plan(NodeTuple workload) {
        RunPlan defaults = RunPlan.defaults();
        if (workload == null) {
            return defaults;
        }
        Map<String, NodeTuple> fields = yaml.mapping(workload.getValueNode(), "workload", WORKLOAD);
        if (fields == null) {
            return defaults;
        }
        // A stated after_heal is observed in full; the default ends once the stack has settled.
        Duration afterHeal = yaml.durationOr(fields.get("after_heal"), null);
        LoadProfile load = Optional.ofNullable(fields.get("profile")).map(this::loadProfile).orElse(LoadProfile.NONE);
        if (fields.containsKey("profile") && fields.containsKey("rate")) {
            yaml.error(fields.get("rate").getKeyNode(), "give either 'rate' or 'profile', not both: the profile's first"
                    + " phase sets the steady state's rate");
        }
        return new RunPlan(
                yaml.durationOr(fields.get("warm_up"), defaults.warmUp()),
                afterHeal != null ? afterHeal : defaults.afterHeal(),
                afterHeal != null ? afterHeal : defaults.afterHealAtLeast(),
                load.isEmpty() ? yaml.rateOr(fields.get("rate"), defaults.ordersPerSecond(), HIGHEST_RATE)
                        : load.phases().get(0).fromPerSecond(),
                load,
                Optional.ofNullable(fields.get("arrivals")).map(tuple -> yaml.oneOf(tuple.getValueNode(), "arrivals",
                        List.of(Arrivals.values()), Arrivals::id)).orElse(defaults.arrivals()),
                Optional.ofNullable(fields.get("max_in_flight")).map(tuple -> yaml.positiveInteger(tuple.getValueNode(),
                        "max_in_flight", MOST_IN_FLIGHT)).orElse(defaults.maxInFlight()),
                yaml.rateOr(fields.get("probe_rate"), defaults.probeWritesPerSecond(), HIGHEST_RATE),
                yaml.durationOr(fields.get("client_timeout"), defaults.clientTimeout()),
                defaults.stability(), defaults.redundancyBound());
    }

    /**
     * {@code profile:} a list of phases, each {@code {load: normal|peak, rate: R or R1..R2,
     * duration: D}}; every phase but the last needs its duration.
     */
    private LoadProfile loadProfile(NodeTuple tuple) {
        if (!(tuple.getValueNode() instanceof SequenceNode sequence) || sequence.getValue().isEmpty()) {
            yaml.error(tuple.getValueNode(), "profile must be a list of load phases, each such as"
                    + " '- {load: peak, rate: 1..5, duration: 30s}'");
            return LoadProfile.NONE;
        }
        List<LoadPhase> phases = new ArrayList<>();
        for (int i = 0; i < sequence.getValue().size(); i++) {
            Node item = sequence.getValue().get(i);
            Map<String, NodeTuple> fields = yaml.mapping(item, "a load phase", LOAD_PHASE);
            if (fields == null) {
                continue;
            }
            LoadLevel level = yaml.required(fields, "load", item)
                    .map(node -> yaml.oneOf(node, "load", List.of(LoadLevel.values()), LoadLevel::id)).orElse(null);
            double[] rates = yaml.required(fields, "rate", item).map(node -> yaml.rates(fields.get("rate"), HIGHEST_RATE, true))
                    .orElse(null);
            boolean last = i == sequence.getValue().size() - 1;
            Duration duration = null;
            if (fields.containsKey("duration")) {
                duration = yaml.duration(fields.get("duration").getValueNode(), "duration");
                if (duration != null && duration.isZero()) {
                    yaml.error(fields.get("duration").getValueNode(), "duration must be longer than 0s");
                    duration = null;
                }
            } else if (!last) {
                yaml.error(item, "a load phase before the last needs a 'duration' (only the last one may go on until"
                        + " the run ends)");
            } else if (rates != null && rates[0] != rates[1]) {
                yaml.error(fields.get("rate").getValueNode(), "a ramp needs a 'duration' to ramp over");
            }
            if (level != null && rates != null) {
                phases.add(new LoadPhase(level, rates[0], rates[1], duration));
            }
        }
        return new LoadProfile(phases);
    }

    private List<Step> timeline(Node node, Topology topology) {
        if (!(node instanceof SequenceNode sequence)) {
            yaml.error(node, "timeline must be a list of faults, each starting with '- at:' or '- after:'");
            return List.of();
        }
        List<Step> entries = new ArrayList<>();
        FaultReader faults = new FaultReader(yaml, topology);
        for (Node item : sequence.getValue()) {
            Map<String, NodeTuple> fields = yaml.mapping(item, "a timeline entry", STEP);
            if (fields == null) {
                continue;
            }
            NodeTuple at = fields.get("at");
            NodeTuple after = fields.get("after");
            if ((at == null) == (after == null)) {
                yaml.error(item, at == null ? "a timeline entry needs 'at' (after the steady state) or 'after' (after the"
                        + " previous fault's injection)" : "give either 'at' or 'after', not both");
            }
            DurationRange offset = Optional.ofNullable(at != null ? at : after).map(yaml::range).orElse(null);
            Fault fault = faults.read(fields, item);
            Duration duration = yaml.required(fields, "duration", item).map(value -> yaml.duration(value, "duration"))
                    .orElse(null);
            if (duration != null && duration.isZero()) {
                yaml.error(fields.get("duration").getValueNode(), "duration must be longer than 0s: it is how long the"
                        + " fault stays before it is healed");
            }
            if (offset != null && fault != null && duration != null) {
                entries.add(new Step(offset, after != null, fault, duration));
            }
        }
        return entries;
    }

    /** {@code random_faults:} how long, each fault's hold and the gaps as durations or ranges, and the faults to draw. */
    private RandomFaults randomFaults(Node node, Topology topology) {
        Map<String, NodeTuple> fields = yaml.mapping(node, "random_faults", RANDOM_FAULTS);
        if (fields == null) {
            return null;
        }
        Duration length = yaml.required(fields, "duration", node).map(value -> yaml.duration(value, "duration"))
                .orElse(null);
        DurationRange hold = yaml.required(fields, "hold", node).map(value -> yaml.range(fields.get("hold"))).orElse(null);
        DurationRange gap = yaml.required(fields, "gap", node).map(value -> yaml.range(fields.get("gap"))).orElse(null);
        if (hold != null && hold.min().isZero()) {
            yaml.error(fields.get("hold").getValueNode(), "hold must be longer than 0s: it is how long each fault stays");
            hold = null;
        }
        List<Fault> faults = new ArrayList<>();
        Node listed = yaml.required(fields, "faults", node).orElse(null);
        if (listed != null && (!(listed instanceof SequenceNode sequence) || sequence.getValue().isEmpty())) {
            yaml.error(listed, "faults must be a list of faults to draw from, each such as '- {fault: kill, target:"
                    + " shop.any}'");
        } else if (listed != null) {
            FaultReader reader = new FaultReader(yaml, topology);
            for (Node item : ((SequenceNode) listed).getValue()) {
                Map<String, NodeTuple> fault = yaml.mapping(item, "a fault to draw", FaultReader.KEYS);
                Optional.ofNullable(fault).map(keys -> reader.read(keys, item)).ifPresent(faults::add);
            }
        }
        return length == null || hold == null || gap == null || faults.isEmpty() ? null
                : new RandomFaults(length, hold, gap, faults);
    }

    private SloProfile sloProfile(NodeTuple tuple) {
        String id = yaml.text(tuple.getValueNode(), "slo_profile");
        if (id == null) {
            return SloProfile.DEFAULT;
        }
        return SloProfile.byId(id).orElseGet(() -> {
            yaml.error(tuple.getValueNode(), "unknown slo_profile '" + id + "'" + YamlFields.hint(id, SloProfile.ids())
                    + ": choose one of " + SloProfile.ids());
            return SloProfile.DEFAULT;
        });
    }

    /** The profile's objectives, each replaced by the file's own where it sets one. */
    private List<Slo> objectives(SloProfile profile, NodeTuple steadyState, NodeTuple overrides) {
        Map<String, Slo> objectives = new LinkedHashMap<>();
        profile.objectives().forEach(slo -> objectives.put(slo.id(), slo));
        if (steadyState != null) {
            Map<String, NodeTuple> fields = yaml.mapping(steadyState.getValueNode(), "steady_state", List.of("availability"));
            if (fields != null && fields.containsKey("availability")) {
                Double fraction = yaml.percent(fields.get("availability").getValueNode(), "availability");
                if (fraction != null) {
                    objectives.put("steady_availability", new Slo.SteadyAvailability(fraction));
                }
            }
        }
        if (overrides != null) {
            Map<String, NodeTuple> fields = yaml.mapping(overrides.getValueNode(), "slos", SloKind.ids());
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
            return yaml.duration(value, id);
        }

        @Override
        public Double fraction() {
            return yaml.percent(value, id);
        }

        @Override
        public Integer count() {
            return yaml.nonNegativeInteger(value, id);
        }

        @Override
        public SloKind.PerOperations perOperations() {
            return perKind(value, id);
        }

        @Override
        public Boolean alwaysTrue() {
            if (!"true".equals(yaml.text(value, id))) {
                yaml.error(value, id + " can only be 'true': no unexplained order and no oversold quota is never negotiable");
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
            Duration bound = yaml.duration(value, id);
            return bound == null ? null : new SloKind.PerOperations(bound, EnumSet.allOf(OperationKind.class), false);
        }
        boolean healBound = id.equals(SloKind.HEAL_DISRUPTION.id());
        Map<String, NodeTuple> fields = yaml.mapping(value, id, healBound ? List.of("target", "operations", "after")
                : List.of("target", "operations"));
        if (fields == null) {
            return null;
        }
        Duration bound = yaml.required(fields, "target", value).map(target -> yaml.duration(target, id + " target"))
                .orElse(null);
        Set<OperationKind> kinds = EnumSet.noneOf(OperationKind.class);
        NodeTuple operations = fields.get("operations");
        if (operations == null) {
            kinds.addAll(EnumSet.allOf(OperationKind.class));
        } else {
            Set<String> names = yaml.strings(operations.getValueNode(), "operations");
            for (String name : names) {
                OperationKind.byId(name).ifPresentOrElse(kinds::add, () -> yaml.error(operations.getValueNode(),
                        "unknown operations '" + name + "'" + YamlFields.hint(name, OperationKind.ids()) + ": use "
                                + OperationKind.ids()));
            }
            if (names.isEmpty()) {
                yaml.error(operations.getValueNode(), "operations must name at least one of " + OperationKind.ids());
            }
        }
        boolean afterRejoin = false;
        NodeTuple after = fields.get("after");
        if (after != null) {
            String from = yaml.text(after.getValueNode(), "after");
            if (from == null) {
                return null;
            }
            afterRejoin = "rejoin".equals(from);
            if (!afterRejoin && !"heal".equals(from)) {
                yaml.error(after.getValueNode(), "after must be 'heal' (the default: the bound counts from the heal) or"
                        + " 'rejoin' (from when every tier is complete again)");
                return null;
            }
        }
        return bound == null || kinds.isEmpty() ? null : new SloKind.PerOperations(bound, kinds, afterRejoin);
    }

    /** What {@code expect}, or its {@code on_swarm}, lists; none when absent. */
    private Expectation expectation(Map<String, NodeTuple> fields, List<String> ids) {
        if (fields == null) {
            return Expectation.NONE;
        }
        Set<String> violated = objectiveIds(fields.get("violated"), "violated", ids);
        Set<String> mayBeViolated = objectiveIds(fields.get("may_be_violated"), "may_be_violated", ids);
        for (Node item : YamlFields.items(fields.get("may_be_violated"))) {
            if (item instanceof ScalarNode id && violated.contains(id.getValue().trim())) {
                yaml.error(item, "'" + id.getValue().trim() + "' is listed under violated already: an objective is either"
                        + " expected to be violated or may be violated, not both");
            }
        }
        return new Expectation(violated, mayBeViolated);
    }

    /** A list of this scenario's objective ids, such as {@code [recovery_time]}; empty when absent. */
    private Set<String> objectiveIds(NodeTuple field, String name, List<String> ids) {
        Set<String> listed = new LinkedHashSet<>();
        if (field != null && !(field.getValueNode() instanceof SequenceNode)) {
            yaml.error(field.getValueNode(), name + " must be a list of objective ids, such as [recovery_time]");
            return listed;
        }
        for (Node item : YamlFields.items(field)) {
            String id = yaml.text(item, "an objective id");
            if (id != null && !ids.contains(id)) {
                yaml.error(item, "'" + id + "' is not one of this scenario's objectives" + YamlFields.hint(id, ids) + ": " + ids);
            } else if (id != null) {
                listed.add(id);
            }
        }
        return listed;
    }
}
