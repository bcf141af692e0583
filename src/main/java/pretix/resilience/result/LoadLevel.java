package pretix.resilience.result;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import pretix.resilience.check.PhaseAvailability;

/**
 * The two kinds of load the operation report's SLA tells apart (section 2.1): {@code normal}
 * circumstances, in which it promises 100 % availability, and high activity {@code peak}s, in
 * which it promises 70 %. The report's footnote calls over 50 requests per minute a peak; a
 * scenario names each phase of its load profile itself, so that a machine slower or faster than
 * the report's can set its own rates.
 */
public enum LoadLevel {
    NORMAL(PhaseAvailability.Kind.NORMAL_LOAD), PEAK(PhaseAvailability.Kind.PEAK_LOAD);

    private final PhaseAvailability.Kind phaseKind;

    LoadLevel(PhaseAvailability.Kind phaseKind) {
        this.phaseKind = phaseKind;
    }

    /** The kind of the run's phases at this level. */
    public PhaseAvailability.Kind phaseKind() {
        return phaseKind;
    }

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
