package pretix.resilience.engine.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.LocalNodeState;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.api.model.Secret;
import com.github.dockerjava.api.model.SwarmInfo;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import pretix.resilience.engine.Swept;

/**
 * Removes labelled containers, networks and volumes: one stack, every orphan (resources whose
 * owner process died without cleaning up), everything but the stacks running harness processes
 * use, or everything the harness ever created.
 */
public final class ResourceSweeper {

    private static final Duration SWEEP_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration ROUND_PAUSE = Duration.ofMillis(250);
    private static final int REMOVERS = 4;

    private final DockerClient docker;

    public ResourceSweeper(DockerClient docker) {
        this.docker = docker;
    }

    public Swept sweepOrphans() {
        Set<String> kept = KeepMarker.keptStacks(docker);
        return sweep(labels -> Labels.isOrphan(labels, kept));
    }

    public Swept removeStack(String stackId) {
        return sweep(labels -> stackId.equals(labels.get(Labels.STACK)));
    }

    public Swept removeAllNotInUse() {
        Set<String> kept = KeepMarker.keptStacks(docker);
        return sweep(labels -> !Labels.isInUse(labels, kept));
    }

    public Swept removeAll() {
        return sweep(labels -> true);
    }

    /** The stacks that harness processes still running use, each with its owner. */
    public Map<String, Owner> stacksInUse() {
        Set<String> kept = KeepMarker.keptStacks(docker);
        Map<String, Owner> inUse = new TreeMap<>();
        for (Container container : docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(List.of(Labels.HARNESS)).exec()) {
            Map<String, String> labels = container.getLabels();
            if (Labels.isInUse(labels, kept)) {
                Labels.runningOwner(labels).ifPresent(owner -> inUse.put(labels.get(Labels.STACK), owner));
            }
        }
        return inUse;
    }

    /**
     * Sweeps in rounds until a round finds nothing: a stack that is still starting may create a
     * container after a round listed them, and its network cannot go while that is attached.
     */
    private Swept sweep(Predicate<Map<String, String>> selected) {
        long deadline = System.nanoTime() + SWEEP_TIMEOUT.toNanos();
        Swept removed = new Swept(0, 0, 0, 0, 0);
        while (true) {
            Swept found = sweepOnce(selected);
            removed = removed.plus(found);
            if (found.total() == 0 || System.nanoTime() > deadline) {
                return removed;
            }
            // A plain pause, not Awaitility: in a shutdown hook, a pool-backed wait would also run
            // (and rethrow the failures of) Testcontainers' concurrent clean-up tasks.
            try {
                Thread.sleep(ROUND_PAUSE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return removed;
            }
        }
    }

    /**
     * Swarm services first (a container removed under a service is replaced by a new task), then
     * containers: a network cannot go while a container is attached to it.
     */
    private Swept sweepOnce(Predicate<Map<String, String>> selected) {
        int services = swarmActive(docker) ? removeSwarmObjects(selected) : 0;
        List<Container> containers = docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(List.of(Labels.HARNESS)).exec().stream()
                .filter(container -> selected.test(container.getLabels())).toList();
        removeInParallel(containers);

        List<Network> networks = docker.listNetworksCmd()
                .withFilter("label", List.of(Labels.HARNESS)).exec().stream()
                .filter(network -> selected.test(network.getLabels())).toList();
        long networksRemoved = networks.stream()
                .filter(network -> ignoringGone(() -> docker.removeNetworkCmd(network.getId()).exec())).count();

        var volumes = docker.listVolumesCmd().withFilter("label", List.of(Labels.HARNESS)).exec().getVolumes();
        List<String> volumeNames = volumes == null ? List.of() : volumes.stream()
                .filter(volume -> selected.test(volume.getLabels())).map(volume -> volume.getName()).toList();
        long volumesRemoved = volumeNames.stream()
                .filter(name -> ignoringGone(() -> docker.removeVolumeCmd(name).exec())).count();

        return new Swept(services, containers.size(), (int) networksRemoved, (int) volumesRemoved,
                networks.size() + volumeNames.size() - (int) (networksRemoved + volumesRemoved));
    }

    /** Whether the daemon is part of a swarm, the only place Swarm services, secrets and configs exist. */
    public static boolean swarmActive(DockerClient docker) {
        SwarmInfo swarm = docker.infoCmd().exec().getSwarm();
        return swarm != null && swarm.getLocalNodeState() == LocalNodeState.ACTIVE;
    }

    /** Services, then the secrets and configs they held; how many services. */
    private int removeSwarmObjects(Predicate<Map<String, String>> selected) {
        Map<String, String> harness = Map.of(Labels.HARNESS, "true");
        List<String> services = docker.listServicesCmd().withLabelFilter(harness).exec().stream()
                .filter(service -> selected.test(service.getSpec().getLabels())).map(service -> service.getId()).toList();
        services.forEach(service -> ignoringGone(() -> docker.removeServiceCmd(service).exec()));
        List<Secret> secrets = docker.listSecretsCmd().withLabelFilter(harness).exec();
        secrets.stream().filter(secret -> selected.test(secret.getSpec().getLabels()))
                .forEach(secret -> ignoringGone(() -> docker.removeSecretCmd(secret.getId()).exec()));
        // docker-java reads no labels of a config: a config goes with its stack, whose name prefixes it as it
        // does the stack's secrets, which carry the stack's labels; one whose stack has no secret left goes too.
        Map<String, Map<String, String>> labelsByStack = new HashMap<>();
        secrets.forEach(secret -> labelsByStack.put(secret.getSpec().getLabels().get(Labels.STACK),
                secret.getSpec().getLabels()));
        docker.listConfigsCmd().withFilters(Map.of("label", List.of(Labels.HARNESS))).exec().stream()
                .filter(config -> {
                    String name = config.getSpec().getName();
                    Map<String, String> labels = labelsByStack.get(name.substring(0, Math.max(0, name.indexOf('_'))));
                    return labels == null || selected.test(labels);
                })
                .forEach(config -> ignoringGone(() -> docker.removeConfigCmd(config.getId()).exec()));
        return services.size();
    }

    /** On threads of its own, for the same reason: the common pool also runs Testcontainers' clean-up. */
    private void removeInParallel(List<Container> containers) {
        if (containers.isEmpty()) {
            return;
        }
        ExecutorService removers = Executors.newFixedThreadPool(Math.min(containers.size(), REMOVERS));
        try {
            List<Future<Boolean>> removals = containers.stream().map(container -> removers.submit(() -> ignoringGone(() ->
                    docker.removeContainerCmd(container.getId()).withForce(true).withRemoveVolumes(true).exec()))).toList();
            for (Future<Boolean> removal : removals) {
                removal.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } finally {
            removers.shutdown();
        }
    }

    /** Whether the removal went through; false when the resource is gone or still in use. */
    private static boolean ignoringGone(Runnable removal) {
        try {
            removal.run();
            return true;
        } catch (NotFoundException gone) {
            return false;
        } catch (DockerException inUse) {
            // 409 (removal in progress) or 403 (network with active endpoints, as Docker 20.10 says it):
            // a concurrent start or clean-up still holds it, and the next round sees it again
            return false;
        }
    }
}
