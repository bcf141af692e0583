package pretix.resilience.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Consumer;
import pretix.resilience.stack.DeployedNode;
import pretix.resilience.stack.DeployedStack;
import pretix.resilience.stack.Topology;

/**
 * Where stacks run: everything that starts, finds, controls, asks into and removes nodes. Faults,
 * role observation, the workload, checks and reports see a stack only through this, so a second
 * engine is added without touching them.
 */
public interface Engine {

    // Stacks

    /**
     * Starts every node of the topology and returns once each is really ready. A kept stack
     * outlives this process (until {@code chaos down}); any other is removed at the next start
     * if this process dies first. On failure, everything started so far is removed.
     */
    LaunchedStack launch(Topology topology, boolean keep, Consumer<String> progress);

    /**
     * A stack that runs already, by its id or (Swarm) the name it was deployed under, once each of
     * its nodes is ready; closing it leaves it running.
     *
     * @throws IllegalArgumentException when no such stack runs, or a node of it does not
     */
    LaunchedStack attach(String id, Consumer<String> progress);

    /** Every stack of the harness, with stopped nodes too (a killed node is still part of it). */
    List<DeployedStack> stacks();

    /** One stack as it is now: restarted nodes publish new host ports, stopped ones none. */
    DeployedStack stack(String id);

    /** The stacks that harness processes still running use, each with its owner's process id. */
    Map<String, Long> stacksInUse();

    /** Removes every resource of the harness, or only those no running harness process uses. */
    Swept removeStacks(boolean evenInUse);

    // Nodes

    /** Whether the node runs, is frozen, and is attached to its stack's network. */
    NodeState state(DeployedStack stack, DeployedNode node);

    /** SIGKILL. */
    void kill(DeployedNode node);

    /** SIGTERM, SIGKILL after {@code grace}. */
    void stop(DeployedNode node, Duration grace);

    /** Stopped as by {@link #stop} and started again at once. */
    void restart(DeployedNode node, Duration grace);

    /** Frozen: its connections stay open and unanswered. */
    void freeze(DeployedNode node);

    void thaw(DeployedNode node);

    void start(DeployedNode node);

    /**
     * Whether each node is a service of an orchestrator (Swarm), which replaces a failed task
     * itself and can scale and update it, and whose tasks have no network or disk of their own.
     */
    boolean orchestrated();

    /**
     * The node's service scaled to this many tasks; {@link #start} brings a service scaled to none back to one.
     *
     * @throws UnsupportedOperationException when the engine does not {@linkplain #orchestrated() orchestrate} nodes
     */
    void scale(DeployedNode node, int tasks);

    /**
     * The node's service updated as a rolling update does, its task replaced by a new one.
     *
     * @throws UnsupportedOperationException when the engine does not {@linkplain #orchestrated() orchestrate} nodes
     */
    void update(DeployedNode node);

    /** Cut off the stack's network. */
    void disconnect(DeployedStack stack, DeployedNode node);

    /** Attached to the stack's network again, under its name and where it can at its former address. */
    void connect(DeployedStack stack, DeployedNode node);

    /** Filters the node's packets as {@code filter} says, in addition to any filter it has, until cleared. */
    void filterPackets(DeployedStack stack, DeployedNode node, PacketFilter filter);

    /** Removes every packet filter of the node; whether it had one. */
    boolean clearPacketFilters(DeployedStack stack, DeployedNode node);

    /** At most this share of one core for the node, until its limits are lifted. */
    void limitCpu(DeployedNode node, double cores);

    /** At most this much memory for the node, swap included: beyond it the kernel kills its largest process. */
    void limitMemory(DeployedNode node, long bytes);

    /** Lifts the node's CPU and memory limits; whether it had any. */
    boolean liftResourceLimits(DeployedNode node);

    /**
     * Every byte left on the node's disk taken, until {@link #freeDisk}: only nodes whose tier
     * keeps its data on a disk of its own have one ({@link pretix.resilience.stack.Tier#diskPath()}).
     *
     * @throws IllegalStateException when the node has no disk of its own
     */
    void fillDisk(DeployedStack stack, DeployedNode node);

    /** Frees what {@link #fillDisk} took, whether the node runs or not; whether its disk was full. */
    boolean freeDisk(DeployedStack stack, DeployedNode node);

    /**
     * Runs a command inside the node and returns what it printed.
     *
     * @throws IllegalStateException when the command fails or does not finish in time
     */
    String exec(DeployedNode node, List<String> environment, Duration timeout, String... command);

    /** Every line the node printed since {@code since}, to {@code file}. */
    void copyLogs(DeployedNode node, Instant since, Path file) throws IOException;

    /** Memory in use less the inactive page cache, if the node answers. */
    OptionalLong workingSet(DeployedNode node);

    /** CPU time the node has used since it started, in nanoseconds, if it answers. */
    OptionalLong cpuNanos(DeployedNode node);

    // Evidence

    /** Each node's image by name, with its content id. */
    Map<String, String> images(DeployedStack stack);

    /** The engine's version, for evidence. */
    String version();

    /** The memory of the machine the stacks run on. */
    long memoryBytes();
}
