package pretix.resilience.check;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import pretix.resilience.history.Operation;

/**
 * The operations of a run that did not succeed, grouped by kind, outcome and error: how many,
 * through which nodes and when, relative to the first injection. What a reader of a failed
 * verdict asks first: "73 order operations unknown (HTTP 500) through nginx0, nginx1 from
 * +1.0 s to +4.1 s".
 */
public record FailedOperations(String type, String outcome, String error, int count, List<String> nodes,
                               double fromSeconds, double toSeconds) {

    private static final int ERROR_LENGTH = 120;

    public static List<FailedOperations> of(List<Operation> operations, long referenceNanos) {
        record Key(String type, String outcome, String error) {}
        Map<Key, List<Operation>> groups = new LinkedHashMap<>();
        operations.stream().filter(operation -> !operation.ok())
                .sorted(Comparator.comparingLong(Operation::invokeNanos))
                .forEach(operation -> groups.computeIfAbsent(new Key(operation.type(), operation.outcome().id(),
                        shorten(operation.error())), key -> new ArrayList<>()).add(operation));
        List<FailedOperations> failed = new ArrayList<>();
        groups.forEach((key, group) -> failed.add(new FailedOperations(key.type(), key.outcome(), key.error(),
                group.size(), List.copyOf(group.stream().map(Operation::node).filter(node -> node != null)
                        .collect(Collectors.toCollection(TreeSet::new))),
                seconds(group.get(0).invokeNanos() - referenceNanos),
                seconds(group.stream().mapToLong(Operation::completeNanos).max().orElseThrow() - referenceNanos))));
        failed.sort(Comparator.comparingInt(FailedOperations::count).reversed());
        return List.copyOf(failed);
    }

    /** "73 order operations unknown (HTTP 500) through nginx0, nginx1 from +1.0 s to +4.1 s". */
    public String describe() {
        return String.format("%d %s operation%s %s (%s)%s from %+.1f s to %+.1f s", count, type,
                count == 1 ? "" : "s", outcome, error, nodes.isEmpty() ? "" : " through " + String.join(", ", nodes),
                fromSeconds, toSeconds);
    }

    private static String shorten(String error) {
        if (error == null) {
            return "no error text";
        }
        String line = error.replaceAll("\\s+", " ").strip();
        return line.length() <= ERROR_LENGTH ? line : line.substring(0, ERROR_LENGTH) + "…";
    }

    private static double seconds(long nanos) {
        return Math.round(nanos / 1e8) / 10.0;
    }
}
