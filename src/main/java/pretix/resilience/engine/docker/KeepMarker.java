package pretix.resilience.engine.docker;

import com.github.dockerjava.api.DockerClient;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Marks a stack as kept on purpose ({@code chaos up}): a labelled volume, created only once the
 * stack is ready. A stack whose owner died before that has no marker and is swept as an orphan.
 */
public final class KeepMarker {

    private KeepMarker() {}

    public static void create(DockerClient docker, String stackId) {
        docker.createVolumeCmd().withName(stackId + "-kept")
                .withLabels(Map.of(Labels.HARNESS, "true", Labels.STACK, stackId, Labels.KEEP, "true")).exec();
    }

    /** The ids of every stack that is kept on purpose. */
    public static Set<String> keptStacks(DockerClient docker) {
        var volumes = docker.listVolumesCmd().withFilter("label", List.of(Labels.KEEP)).exec().getVolumes();
        return volumes == null ? Set.of() : volumes.stream()
                .map(volume -> volume.getLabels() == null ? null : volume.getLabels().get(Labels.STACK))
                .filter(Objects::nonNull)
                .collect(Collectors.toSet());
    }
}
