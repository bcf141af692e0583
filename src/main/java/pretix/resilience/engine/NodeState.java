package pretix.resilience.engine;

/**
 * A node as its engine sees it: whether it runs, is frozen, is attached to its stack's network,
 * and has a CPU or memory limit (nodes start without one).
 */
public record NodeState(boolean running, boolean frozen, boolean connected, boolean limited) {}
