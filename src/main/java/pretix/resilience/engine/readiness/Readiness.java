package pretix.resilience.engine.readiness;

/** Whether a node is ready, and what it looks like when it is not (for the timeout message). */
public record Readiness(boolean ready, String state) {

    public static Readiness of(boolean ready, String state) {
        return new Readiness(ready, state);
    }
}
