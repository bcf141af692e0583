package pretix.resilience.engine.docker.launch;

/** Whether a node is ready, and what it looks like when it is not (for the timeout message). */
record Readiness(boolean ready, String state) {

    static Readiness of(boolean ready, String state) {
        return new Readiness(ready, state);
    }
}
