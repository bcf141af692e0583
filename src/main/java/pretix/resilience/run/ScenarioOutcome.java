package pretix.resilience.run;

import java.util.List;
import pretix.resilience.result.RunResult;
import pretix.resilience.scenario.Scenario;
import pretix.resilience.slo.Verdict;

/** A scenario's runs, each with its verdict, and what they ran on. */
public record ScenarioOutcome(Scenario scenario, long seed, List<Attempt> attempts, Fingerprint fingerprint) {

    /**
     * One repeat: its seed, what it measured, how it was judged. A repeat a stop request cut
     * short is judged on what it recorded, but is never as expected: it did not run its course.
     */
    public record Attempt(int repeat, long seed, RunResult result, Verdict verdict) {

        public boolean asExpected() {
            return verdict.asExpected() && result.aborted() == null;
        }

        /**
         * The verdict explained; when it is not as expected, also the operations that failed and
         * what the run left the stack with, so that a red run explains itself.
         */
        public String explain() {
            StringBuilder text = new StringBuilder();
            if (result.aborted() != null) {
                text.append("  ").append(result.aborted().describe()).append('\n');
            }
            text.append(verdict.explain());
            if (!asExpected()) {
                result.failures().forEach(group -> text.append("  failed: ").append(group.describe()).append('\n'));
                result.leftBehind().forEach(problem -> text.append("  left behind: ").append(problem).append('\n'));
            }
            return text.toString();
        }
    }

    /** The verdict of the whole scenario: every repeat as expected. */
    public boolean asExpected() {
        return !attempts.isEmpty() && attempts.stream().allMatch(Attempt::asExpected);
    }

    public static String repeatDirectory(int repeat) {
        return "repeat-" + repeat;
    }
}
