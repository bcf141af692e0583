package pretix.resilience.slo;

import java.util.Set;
import java.util.TreeSet;

/**
 * Which objectives a scenario expects a run to miss. {@code violated} must be missed (a
 * deliberately broken stack, a profile's known weakness); {@code mayBeViolated} are missed or
 * met depending on a race the scenario file describes, and are reported either way.
 */
public record Expectation(Set<String> violated, Set<String> mayBeViolated) {

    public static final Expectation NONE = new Expectation(Set.of(), Set.of());

    public Expectation {
        violated = Set.copyOf(violated);
        mayBeViolated = Set.copyOf(mayBeViolated);
    }

    public boolean holdsFor(Set<String> violations) {
        return unexpected(violations).isEmpty() && missing(violations).isEmpty();
    }

    /** Violations neither expected nor allowed. */
    public Set<String> unexpected(Set<String> violations) {
        Set<String> unexpected = new TreeSet<>(violations);
        unexpected.removeAll(violated);
        unexpected.removeAll(mayBeViolated);
        return unexpected;
    }

    /** Expected violations that were met. */
    public Set<String> missing(Set<String> violations) {
        Set<String> missing = new TreeSet<>(violated);
        missing.removeAll(violations);
        return missing;
    }

    /** An objective's verdict as a report shows it: met or missed, and whether the scenario said so. */
    public String verdictOf(SloResult result) {
        if (result.met()) {
            return violated.contains(result.id()) ? "met, expected to be missed" : "met";
        }
        if (violated.contains(result.id())) {
            return "missed, as expected";
        }
        return mayBeViolated.contains(result.id()) ? "missed, allowed (a race)" : "missed";
    }

    @Override
    public String toString() {
        String text = new TreeSet<>(violated).toString();
        return mayBeViolated.isEmpty() ? text : text + ", may be violated " + new TreeSet<>(mayBeViolated);
    }
}
