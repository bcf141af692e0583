package pretix.resilience.scenario;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Typed values out of a YAML tree, each reporting its own error with the file, line and column
 * and carrying on, so that one reading finds every problem of a file.
 */
final class YamlFields {

    private static final Pattern PERCENT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*%");

    /** The largest count a scenario may state (of orders, operations, connections). */
    static final int LARGEST_COUNT = 1_000_000;

    private final String file;
    private final List<ScenarioError> errors = new ArrayList<>();

    YamlFields(String file) {
        this.file = file;
    }

    String file() {
        return file;
    }

    List<ScenarioError> errors() {
        return errors;
    }

    static List<Node> items(NodeTuple field) {
        return field != null && field.getValueNode() instanceof SequenceNode sequence ? sequence.getValue() : List.of();
    }

    Set<String> strings(Node node, String what) {
        if (!(node instanceof SequenceNode sequence)) {
            error(node, what + " must be a list, such as [finding]");
            return Set.of();
        }
        Set<String> values = new LinkedHashSet<>();
        sequence.getValue().forEach(item -> Optional.ofNullable(text(item, what)).ifPresent(values::add));
        return values;
    }

    Map<String, NodeTuple> mapping(Node node, String what, List<String> allowed) {
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

    Optional<Node> required(Map<String, NodeTuple> fields, String key, Node parent) {
        NodeTuple tuple = fields.get(key);
        if (tuple == null) {
            error(parent, "'" + key + "' is missing");
            return Optional.empty();
        }
        return Optional.of(tuple.getValueNode());
    }

    void forbid(Map<String, NodeTuple> fields, List<String> keys, String why) {
        for (String key : keys) {
            if (fields.containsKey(key)) {
                error(fields.get(key).getKeyNode(), "'" + key + "' does not apply here: " + why);
            }
        }
    }

    /** The one of {@code choices} whose {@code id} the node names; an error naming the valid ids otherwise. */
    <T> T oneOf(Node node, String what, List<T> choices, Function<T, String> id) {
        String value = text(node, what);
        List<String> ids = choices.stream().map(id).toList();
        if (value == null || !ids.contains(value)) {
            error(node, "unknown " + what + " '" + value + "'" + hint(value, ids) + ": choose one of " + ids);
            return null;
        }
        return choices.get(ids.indexOf(value));
    }

    String text(Node node, String what) {
        if (!(node instanceof ScalarNode scalar) || scalar.getValue().isBlank()) {
            error(node, what + " must be a single value");
            return null;
        }
        return scalar.getValue().trim();
    }

    Duration duration(Node node, String what) {
        String value = text(node, what);
        if (value == null) {
            return null;
        }
        Optional<Duration> duration = Durations.parse(value);
        if (duration.isEmpty()) {
            error(node, what + " '" + value + "' is not " + Durations.FORMS);
            return null;
        }
        return withinLongest(node, what, value, duration.get());
    }

    private Duration withinLongest(Node node, String what, String value, Duration duration) {
        if (duration.compareTo(Durations.LONGEST) > 0) {
            error(node, what + " '" + value + "' is longer than " + Durations.format(Durations.LONGEST)
                    + ", the longest a scenario may state");
            return null;
        }
        return duration;
    }

    Duration durationOr(NodeTuple tuple, Duration fallback) {
        return tuple == null ? fallback : Optional.ofNullable(duration(tuple.getValueNode(), key(tuple))).orElse(fallback);
    }

    DurationRange range(NodeTuple tuple) {
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
        if (withinLongest(tuple.getValueNode(), key(tuple), value, max.get()) == null) {
            return null;
        }
        if (max.get().compareTo(min.get()) < 0) {
            error(tuple.getValueNode(), key(tuple) + " '" + value + "': the range ends before it starts");
            return null;
        }
        return new DurationRange(min.get(), max.get());
    }

    /** A rate per second, above 0 and at most {@code highest}. */
    double rateOr(NodeTuple tuple, double fallback, double highest) {
        double[] rate = tuple == null ? null : rates(tuple, highest, false);
        return rate == null ? fallback : rate[0];
    }

    /**
     * A rate per second or, where a {@code ramp} may stand instead, {@code R1..R2}: the first and
     * the last rate, each above 0 and at most {@code highest}; null when invalid (said why).
     */
    double[] rates(NodeTuple tuple, double highest, boolean ramp) {
        String value = text(tuple.getValueNode(), key(tuple));
        if (value == null) {
            return null;
        }
        String[] bounds = value.split("\\.\\.", -1);
        double[] rates = Arrays.stream(bounds).mapToDouble(YamlFields::numberOrNaN).toArray();
        if (bounds.length > (ramp ? 2 : 1) || Arrays.stream(rates).anyMatch(rate -> !(rate > 0 && rate <= highest))) {
            error(tuple.getValueNode(), key(tuple) + " '" + value + "' must be a number above 0 and at most " + (long) highest
                    + (ramp ? " (orders per second), or a ramp such as 1..5" : " (per second)"));
            return null;
        }
        return new double[] {rates[0], rates[rates.length - 1]};
    }

    private static double numberOrNaN(String text) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** A whole number from 1 to {@code highest}. */
    Integer positiveInteger(Node node, String what, int highest) {
        return wholeNumber(node, what, 1, highest);
    }

    Integer nonNegativeInteger(Node node, String what) {
        return wholeNumber(node, what, 0, LARGEST_COUNT);
    }

    private Integer wholeNumber(Node node, String what, int lowest, int highest) {
        String value = text(node, what);
        if (value == null) {
            return null;
        }
        if (value.matches("-?\\d+")) {
            BigInteger number = new BigInteger(value);
            if (number.compareTo(BigInteger.valueOf(lowest)) >= 0 && number.compareTo(BigInteger.valueOf(highest)) <= 0) {
                return number.intValue();
            }
        }
        error(node, what + " '" + value + "' must be a whole number from " + lowest + " to " + highest);
        return null;
    }

    Double percent(Node node, String what) {
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

    static String key(NodeTuple tuple) {
        return tuple.getKeyNode() instanceof ScalarNode scalar ? scalar.getValue() : String.valueOf(tuple.getKeyNode());
    }

    static String hint(String given, List<String> choices) {
        return given == null ? "" : DidYouMean.hint(given, choices);
    }

    void error(Node node, String message) {
        errors.add(located(node, message));
    }

    ScenarioError located(Node node, String message) {
        Mark mark = node.getStartMark();
        return new ScenarioError(file, mark.getLine() + 1, mark.getColumn() + 1, message);
    }
}
