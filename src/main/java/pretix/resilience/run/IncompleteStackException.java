package pretix.resilience.run;

/** The stack was not complete when a run was to start: some tier had fewer healthy nodes than the topology asks. */
public final class IncompleteStackException extends IllegalStateException {

    public IncompleteStackException(String message) {
        super(message);
    }
}
