package pretix.resilience.engine;

/**
 * A node as its engine sees it: whether it runs, is frozen, is attached to its stack's network,
 * has a CPU or memory limit (nodes start without one), and has its disk filled up.
 */
public record NodeState(boolean running, boolean frozen, boolean connected, boolean limited, boolean diskFull) {}
