package pretix.resilience.scenario;

import java.util.List;
import java.util.stream.Collectors;

/** Every problem found in one or more scenario files; nothing has started when this is thrown. */
public final class ScenarioException extends Exception {

    private final List<ScenarioError> errors;

    public ScenarioException(List<ScenarioError> errors) {
        super(errors.stream().map(ScenarioError::toString).collect(Collectors.joining("\n")));
        this.errors = List.copyOf(errors);
    }

    public List<ScenarioError> errors() {
        return errors;
    }
}
