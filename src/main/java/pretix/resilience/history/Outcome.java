package pretix.resilience.history;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * How an operation ended, as Jepsen counts it: {@code OK} acknowledged, {@code FAIL} certainly
 * without effect, {@code UNKNOWN} may or may not have taken effect (a timeout or a reset after
 * the request was sent).
 */
public enum Outcome {
    OK, FAIL, UNKNOWN;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
