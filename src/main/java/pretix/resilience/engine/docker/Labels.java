package pretix.resilience.engine.docker;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The labels that mark every container, network and volume of the harness. {@link #HARNESS}
 * finds them all; {@link #OWNER} names the process that created them, and a stack whose owner
 * died is swept unless a {@link KeepMarker} says it is kept on purpose.
 */
public final class Labels {

    public static final String HARNESS = "pretix-resilience";
    public static final String STACK = HARNESS + ".stack";
    public static final String OWNER = HARNESS + ".owner";
    public static final String KEEP = HARNESS + ".keep";
    public static final String PROFILE = HARNESS + ".profile";
    public static final String TIER = HARNESS + ".tier";
    public static final String NODE = HARNESS + ".node";
    /** Swarm's own label on every container of a stack deployed with {@code docker stack deploy}: the stack's name. */
    public static final String SWARM_STACK = "com.docker.stack.namespace";
    /** On the helper that set a packet filter on the node it names, while the filter is in place. */
    public static final String PACKET_FILTER = HARNESS + ".packet-filter";

    private Labels() {}

    /** Labels shared by every resource of one stack. */
    public static Map<String, String> forStack(String stackId, String profile) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(HARNESS, "true");
        labels.put(STACK, stackId);
        labels.put(OWNER, Owner.current().toString());
        labels.put(PROFILE, profile);
        return labels;
    }

    public static Map<String, String> forNode(Map<String, String> stackLabels, String tier, String node) {
        Map<String, String> labels = new LinkedHashMap<>(stackLabels);
        labels.put(TIER, tier);
        labels.put(NODE, node);
        return labels;
    }

    /** A resource is an orphan when its stack is not kept on purpose and its owner process is gone. */
    public static boolean isOrphan(Map<String, String> labels, Set<String> keptStacks) {
        return !keptStacks.contains(labels.get(STACK)) && runningOwner(labels).isEmpty();
    }

    /** A resource is in use when its stack is not kept on purpose and its owner process still runs. */
    public static boolean isInUse(Map<String, String> labels, Set<String> keptStacks) {
        return !keptStacks.contains(labels.get(STACK)) && runningOwner(labels).isPresent();
    }

    public static Optional<Owner> runningOwner(Map<String, String> labels) {
        return Owner.parse(labels.get(OWNER)).filter(Owner::isAlive);
    }
}
