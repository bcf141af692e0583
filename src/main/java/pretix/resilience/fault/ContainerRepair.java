package pretix.resilience.fault;

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
    LIFT_LIMITS("lifted the CPU and memory limits of") {
        @Override
        boolean needed(NodeState state) {
            return state.limited();
        }

        @Override
        void apply(Engine engine, DeployedStack stack, DeployedNode node) {
            engine.liftResourceLimits(node);
        }
    },
    /** Undoes {@code disk_full}, before the node is started again (it would stop again on a full disk). */
    FREE_DISK("freed the disk of") {
        @Override
        boolean needed(NodeState state) {
            return state.diskFull();
        }

        @Override
        void apply(Engine engine, DeployedStack stack, DeployedNode node) {
            engine.freeDisk(stack, node);
        }
    },
    /** Undoes {@code pause}. */
    THAW("thawed") {
        @Override
        boolean needed(NodeState state) {
            return state.frozen();
        }

        @Override
        void apply(Engine engine, DeployedStack stack, DeployedNode node) {
            engine.thaw(node);
        }
    },
    /** Undoes {@code disconnect}: the node joins the stack network again under its name. */
    CONNECT("connected") {
        @Override
        boolean needed(NodeState state) {
            return !state.connected();
        }

        @Override
        void apply(Engine engine, DeployedStack stack, DeployedNode node) {
            engine.connect(stack, node);
        }
    },
    /** Undoes {@code kill}, {@code stop}, {@code oom} and a {@code disk_full} that stopped the node. */
    START("started") {
        @Override
        boolean needed(NodeState state) {
            return !state.running();
        }

        @Override
        void apply(Engine engine, DeployedStack stack, DeployedNode node) {
            engine.start(node);
        }
    };

    private final String done;

    ContainerRepair(String done) {
        this.done = done;
    }

    abstract boolean needed(NodeState state);

    abstract void apply(Engine engine, DeployedStack stack, DeployedNode node);

    /** For instance "thawed pg0". */
    String describe(DeployedNode node) {
        return done + " " + node.name();
    }
}
