package pretix.resilience.fault;

import java.util.Locale;

/** A fault on one node's container, through Docker. */
public record ContainerFault(Action action, Target target) implements Fault {

    /** What happens to the container, and what healing does. */
    public enum Action {
        /** SIGKILL; healed by starting the container again. */
        KILL,
        /** SIGTERM, SIGKILL after 10 s; healed by starting it again. */
        STOP,
        /** Frozen (cgroup freezer): its connections stay open and unanswered; healed by thawing. */
        PAUSE,
        /** Stopped and started at once; nothing to heal. */
        RESTART,
        /** Cut off the stack network; healed by connecting it again under its name. */
        DISCONNECT;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    @Override
    public String describe() {
        return action.id() + " " + target;
    }
}
