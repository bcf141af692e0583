package pretix.resilience.scenario;

import java.util.List;
import pretix.resilience.run.RunResult;
import pretix.resilience.slo.Verdict;

/** A scenario's runs, each with its verdict, and what they ran on. */
public record ScenarioOutcome(Scenario scenario, long seed, List<Attempt> attempts, Fingerprint fingerprint) {

    /** One repeat: its seed, what it measured, how it was judged. */
    public record Attempt(int repeat, long seed, RunResult result, Verdict verdict) {}

    /** The verdict of the whole scenario: every repeat as expected. */
    public boolean asExpected() {
        return attempts.stream().allMatch(attempt -> attempt.verdict().asExpected());
    }

    public static String repeatDirectory(int repeat) {
        return "repeat-" + repeat;
    }
}
