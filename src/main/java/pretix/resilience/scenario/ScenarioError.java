package pretix.resilience.scenario;

/** One problem in a scenario file, where it is (1-based line and column) and what would be valid. */
public record ScenarioError(String file, int line, int column, String message) {

    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + message;
    }
}
