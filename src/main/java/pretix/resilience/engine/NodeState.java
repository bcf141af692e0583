package pretix.resilience.engine;

/** A node as its engine sees it: whether it runs, is frozen, and is attached to its stack's network. */
public record NodeState(boolean running, boolean frozen, boolean connected) {}
