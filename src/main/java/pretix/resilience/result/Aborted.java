package pretix.resilience.result;

import java.util.Locale;

/** When and in which phase a stop request ended a run: {@code atSeconds} since the run began. */
public record Aborted(String signal, double atSeconds, String phase) {

    /** For instance "aborted by SIGINT at +9.7 s during faulted: pause postgres.primary". */
    public String describe() {
        return String.format(Locale.ROOT, "aborted by %s at +%.1f s during %s", signal, atSeconds, phase);
    }
}
