package pretix.resilience.report;

import java.util.Collections;

/** How a run's objectives turned out, as the N+1 matrix colours its cell. */
enum CellVerdict {
    MET("met", "every objective met"),
    MISSED_AS_EXPECTED("expected", "missed as its file expects"),
    ALLOWED_RACE("race", "missed, a race its file allows"),
    MISSED_UNEXPECTEDLY("unexpected", "missed unexpectedly");

    private final String cssClass;
    private final String words;

    CellVerdict(String cssClass, String words) {
        this.cssClass = cssClass;
        this.words = words;
    }

    String cssClass() {
        return cssClass;
    }

    String words() {
        return words;
    }

    static CellVerdict of(Summary summary) {
        if (!summary.asExpected()) {
            return MISSED_UNEXPECTEDLY;
        }
        boolean race = summary.repeats().stream().anyMatch(repeat ->
                !Collections.disjoint(repeat.violations(), summary.scenario().mayBeViolated()));
        if (race) {
            return ALLOWED_RACE;
        }
        return summary.repeats().stream().anyMatch(repeat -> !repeat.violations().isEmpty()) ? MISSED_AS_EXPECTED : MET;
    }
}
