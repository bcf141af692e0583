package pretix.resilience.stack;

import java.util.List;

/** A topology that must not be started, with every reason at once. */
public class TopologyException extends IllegalArgumentException {

    private final List<String> problems;

    public TopologyException(List<String> problems) {
        super("invalid topology:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
