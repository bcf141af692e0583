package pretix.resilience.fault;

import java.util.Optional;
import pretix.resilience.engine.Engine;

/** Something the nemesis breaks and later heals: a node's container, traffic, resources or settings, or a link. */
public sealed interface Fault permits ContainerFault, LinkFault, PartitionFault, ResourceFault, SettingFault,
        TrafficFault {

    /** What it does, as the history and reports name it: {@code kill redis.master}. */
    String describe();

    /** The tier it hits, where the N+1 matrix files it: a node's tier, or {@code links} for Toxiproxy links. */
    String tier();

    /** Why the engine cannot do this fault, if it cannot ({@link FaultKind#unsupportedOn}). */
    default Optional<String> unsupportedOn(Engine engine) {
        return Optional.empty();
    }
}
