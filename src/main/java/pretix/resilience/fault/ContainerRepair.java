package pretix.resilience.fault;

import java.util.function.Predicate;
import pretix.resilience.engine.Engine;
import pretix.resilience.engine.NodeState;
import pretix.resilience.stack.DeployedNode;
import pretix.resilience.stack.DeployedStack;

/**
 * What undoes a container fault, and how to see that one is needed on a node whoever injected
 * the fault: the single place both the nemesis and {@code chaos heal} repair from. Declared in
 * the order repairs are made: limits lifted and disks freed before a node is started (it would
 * be killed or stop again), thawed and reconnected before anything is started (a started node
 * could take the address a node cut off the network rejoins at).
 */
public enum ContainerRepair {
    /** Undoes {@code starve} and, before it is started again, {@code oom}. */
    LIFT_LIMITS("lifted the CPU and memory limits of", NodeState::limited,
            (engine, stack, node) -> engine.liftResourceLimits(node)),
    /** Undoes {@code disk_full}, before the node is started again (it would stop again on a full disk). */
    FREE_DISK("freed the disk of", NodeState::diskFull, Engine::freeDisk),
    /** Undoes {@code pause}. */
    THAW("thawed", NodeState::frozen, (engine, stack, node) -> engine.thaw(node)),
    /** Undoes {@code disconnect}: the node joins the stack network again under its name. */
    CONNECT("connected", state -> !state.connected(), Engine::connect),
    /** Undoes {@code kill}, {@code stop}, {@code oom} and a {@code disk_full} that stopped the node. */
    START("started", state -> !state.running(), (engine, stack, node) -> engine.start(node));

    /** What the engine does to a node of a stack to repair it. */
    @FunctionalInterface
    private interface Repair {
        void apply(Engine engine, DeployedStack stack, DeployedNode node);
    }

    private final String done;
    private final Predicate<NodeState> needed;
    private final Repair repair;

    ContainerRepair(String done, Predicate<NodeState> needed, Repair repair) {
        this.done = done;
        this.needed = needed;
        this.repair = repair;
    }

    boolean needed(NodeState state) {
        return needed.test(state);
    }

    void apply(Engine engine, DeployedStack stack, DeployedNode node) {
        repair.apply(engine, stack, node);
    }

    /** For instance "thawed pg0". */
    String describe(DeployedNode node) {
        return done + " " + node.name();
    }
}
