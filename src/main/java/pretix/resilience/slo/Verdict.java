package pretix.resilience.slo;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import pretix.resilience.result.RunResult;

/**
 * A run judged against its objectives. A scenario may expect some objectives to be violated
 * (a deliberately broken stack, a profile's known weakness); the verdict holds when those are,
 * and no others but the ones the scenario allows.
 */
public record Verdict(List<SloResult> results, Expectation expectation) {

    public static Verdict of(RunResult run, List<Slo> objectives, Expectation expectation) {
        List<SloResult> results = new ArrayList<>();
        for (Slo slo : objectives) {
            results.add(slo.judge(run));
        }
        return new Verdict(List.copyOf(results), expectation);
    }

    public Set<String> violations() {
        return results.stream().filter(result -> !result.met()).map(SloResult::id)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    public boolean asExpected() {
        return expectation.holdsFor(violations());
    }

    /** Every objective with its target, measurement and verdict, and what differed from the expectation. */
    public String explain() {
        StringBuilder text = new StringBuilder();
        for (SloResult result : results) {
            text.append(String.format("  %-4s %-26s target %s, measured %s%n", result.met() ? "met" : "MISS",
                    result.id(), result.target(), result.measured()));
        }
        Set<String> violations = violations();
        Set<String> unexpected = expectation.unexpected(violations);
        Set<String> missing = expectation.missing(violations);
        if (!unexpected.isEmpty()) {
            text.append("  violated, not expected: ").append(unexpected).append('\n');
        }
        if (!missing.isEmpty()) {
            text.append("  expected to be violated, but met: ").append(missing).append('\n');
        }
        return text.toString();
    }
}
