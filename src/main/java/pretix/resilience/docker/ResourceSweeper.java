package pretix.resilience.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Removes labelled containers, networks and volumes: one stack, every orphan (resources whose
 * owner process died without cleaning up), or everything the harness ever created.
 */
public final class ResourceSweeper {

    /** What a sweep removed. */
    public record Swept(int containers, int networks, int volumes) {
        public int total() {
            return containers + networks + volumes;
        }
    }

    private final DockerClient docker;

    public ResourceSweeper(DockerClient docker) {
        this.docker = docker;
    }

    public Swept sweepOrphans() {
        return sweep(Labels::isOrphan);
    }

    public Swept removeStack(String stackId) {
        return sweep(labels -> stackId.equals(labels.get(Labels.STACK)));
    }

    /** Everything this process created, kept or not: for Ctrl-C while a stack is still starting. */
    public Swept removeOwnedByThisProcess() {
        String self = Owner.current().toString();
        return sweep(labels -> self.equals(labels.get(Labels.OWNER)));
    }

    public Swept removeAll() {
        return sweep(labels -> true);
    }

    /** Containers first: a network cannot go while a container is attached to it. */
    private Swept sweep(Predicate<Map<String, String>> selected) {
        List<Container> containers = docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(List.of(Labels.HARNESS)).exec().stream()
                .filter(container -> selected.test(container.getLabels())).toList();
        containers.parallelStream().forEach(container -> ignoringGone(() ->
                docker.removeContainerCmd(container.getId()).withForce(true).withRemoveVolumes(true).exec()));

        List<Network> networks = docker.listNetworksCmd()
                .withFilter("label", List.of(Labels.HARNESS)).exec().stream()
                .filter(network -> selected.test(network.getLabels())).toList();
        networks.forEach(network -> ignoringGone(() -> docker.removeNetworkCmd(network.getId()).exec()));

        var volumes = docker.listVolumesCmd().withFilter("label", List.of(Labels.HARNESS)).exec().getVolumes();
        List<String> volumeNames = volumes == null ? List.of() : volumes.stream()
                .filter(volume -> selected.test(volume.getLabels())).map(volume -> volume.getName()).toList();
        volumeNames.forEach(name -> ignoringGone(() -> docker.removeVolumeCmd(name).exec()));

        return new Swept(containers.size(), networks.size(), volumeNames.size());
    }

    private static void ignoringGone(Runnable removal) {
        try {
            removal.run();
        } catch (NotFoundException | ConflictException alreadyGoing) {
            // removed, or being removed, concurrently (a Testcontainers exit hook, an aborting run)
        }
    }
}
