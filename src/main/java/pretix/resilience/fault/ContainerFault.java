package pretix.resilience.fault;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import pretix.resilience.engine.Engine;
import pretix.resilience.stack.DeployedNode;
import pretix.resilience.stack.DeployedStack;

/** A fault on one node, through the engine the stack runs on. */
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
        DISCONNECT,
        /** Its Swarm service scaled to no task; healed by starting it again (one task). */
        SCALE,
        /** Its Swarm service's task replaced by a new one; nothing to heal. */
        ROLLING_UPDATE;

        private static final Duration STOP_GRACE = Duration.ofSeconds(10);

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Does this to a node of the stack. */
        void inject(Engine engine, DeployedStack stack, DeployedNode node) {
            switch (this) {
                case KILL -> engine.kill(node);
                case STOP -> engine.stop(node, STOP_GRACE);
                case PAUSE -> engine.freeze(node);
                case RESTART -> engine.restart(node, STOP_GRACE);
                case DISCONNECT -> engine.disconnect(stack, node);
                case SCALE -> engine.scale(node, 0);
                case ROLLING_UPDATE -> engine.update(node);
            }
        }

        /** What undoes it; none for a restart, which is over once done. */
        Optional<ContainerRepair> repair() {
            return switch (this) {
                case KILL, STOP, SCALE -> Optional.of(ContainerRepair.START);
                case PAUSE -> Optional.of(ContainerRepair.THAW);
                case RESTART, ROLLING_UPDATE -> Optional.empty();
                case DISCONNECT -> Optional.of(ContainerRepair.CONNECT);
            };
        }
    }

    @Override
    public Optional<String> unsupportedOn(Engine engine) {
        return FaultKind.valueOf(action.name()).unsupportedOn(engine);
    }

    @Override
    public String tier() {
        return target.tier().image();
    }

    @Override
    public String describe() {
        return action.id() + " " + target;
    }
}
