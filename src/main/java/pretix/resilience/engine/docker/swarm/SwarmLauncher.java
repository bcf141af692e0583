package pretix.resilience.engine.docker.swarm;


import com.github.dockerjava.api.DockerClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.stream.Stream;
import pretix.resilience.engine.Engine;
import pretix.resilience.engine.Swept;
import pretix.resilience.engine.docker.KeepMarker;
import pretix.resilience.engine.docker.Labels;
import pretix.resilience.engine.docker.ContainerLogs;
import pretix.resilience.engine.docker.ResourceSweeper;
import pretix.resilience.engine.docker.StartAttempts;
import pretix.resilience.engine.docker.image.StackImages;
import pretix.resilience.stack.Node;
import pretix.resilience.stack.StackSecret;
import pretix.resilience.stack.StackSecrets;
import pretix.resilience.stack.StartOrder;
import pretix.resilience.stack.Topology;

/**
 * Deploys a topology as a Swarm stack from its {@link StackFile}, in the same start order as
 * the Docker engine: a node's service is added to the stack (one more {@code docker stack
 * deploy} of the growing file) once the nodes it waits for are ready, then waited for with the
 * same readiness probes.
 */
final class SwarmLauncher {

    private final DockerClient docker;
    private final StackImages images;
    private final Engine engine;
    private final Swarm swarm;
    private final Consumer<String> progress;

    SwarmLauncher(DockerClient docker, Path imagesDirectory, Engine engine, Swarm swarm, Consumer<String> progress) {
        this.docker = docker;
        this.images = new StackImages(docker, imagesDirectory, progress);
        this.engine = engine;
        this.swarm = swarm;
        this.progress = progress;
    }

    SwarmStack launch(Topology topology, boolean keep) {
        ResourceSweeper sweeper = new ResourceSweeper(docker);
        Swept orphans = sweeper.sweepOrphans();
        if (orphans.total() > 0) {
            progress.accept("removed what a crashed run left behind: " + orphans);
        }
        Map<String, String> imageNames = images.ensureAllBuilt();
        images.tagLatest(imageNames);
        Publishing publishing = Publishing.detect();
        progress.accept("the stack's services are reached through " + publishing);

        return StartAttempts.run(() -> start(topology, keep, imageNames, publishing, sweeper), progress);
    }

    private SwarmStack start(Topology topology, boolean keep, Map<String, String> imageNames, Publishing publishing,
                             ResourceSweeper sweeper) {
        // Again for a second attempt: removing the first stack left a swarm the harness had made.
        swarm.ensureActive(progress);
        String id = "chaos-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(3));
        StackSecrets secrets = StackSecrets.random();
        SwarmStack stack = new SwarmStack(id, topology, () -> engine.stack(id), sweeper, swarm);
        Thread removal = new Thread(stack::close, "remove-" + id);
        Runtime.getRuntime().addShutdownHook(removal);
        Path files = null;
        try {
            files = Files.createTempDirectory(id + "-", PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
            StackFile file = StackFile.of(topology).images(imageNames)
                    .labels(Labels.forStack(id, topology.profile().id()))
                    .secretsIn(files.toString()).toxiproxyConfig(files.resolve("toxiproxy.json").toString())
                    .publishing(publishing);
            write(files, file, secrets);
            progress.accept("deploying stack " + id + " (" + topology.profile().id() + ", "
                    + topology.allNodes().size() + " services) on the swarm");
            long started = System.nanoTime();
            new Deployment(id, topology, file, files, secrets, stack, started).run();
            stack.markReady(Duration.ofNanos(System.nanoTime() - started));
        } catch (IOException e) {
            stack.close();
            Runtime.getRuntime().removeShutdownHook(removal);
            throw new UncheckedIOException("could not write the stack's files", e);
        } catch (RuntimeException e) {
            boolean closedWhileStarting = stack.closed();
            if (!closedWhileStarting) {
                keepEveryLog(id);
            }
            stack.close();
            if (closedWhileStarting) {
                throw new StartAttempts.Abandoned(e);
            }
            Runtime.getRuntime().removeShutdownHook(removal);
            throw e;
        } finally {
            deleteQuietly(files);
        }
        if (keep) {
            KeepMarker.create(docker, id);
            Runtime.getRuntime().removeShutdownHook(removal);
        }
        return stack;
    }

    private void keepEveryLog(String id) {
        Map<String, String> containers = new LinkedHashMap<>();
        try {
            engine.stack(id).nodes().forEach(node -> containers.put(node.name(), node.containerId()));
        } catch (IllegalStateException noContainer) {
            progress.accept("the stack that did not get ready had no container to keep the log of");
            return;
        }
        new ContainerLogs(docker).keepForAStartThatFailed(id, containers, progress);
    }

    private static void write(Path files, StackFile file, StackSecrets secrets) {
        try {
            for (StackSecret secret : StackSecret.values()) {
                Files.writeString(files.resolve(StackFile.secretName(secret)), secrets.get(secret));
            }
            Files.writeString(files.resolve("toxiproxy.json"), file.toxiproxyLinks());
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the stack's files", e);
        }
    }

    private static void deleteQuietly(Path directory) {
        if (directory == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted((a, b) -> b.compareTo(a)).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory: the system clears it
        }
    }

    /** One stack's deployment: each node deployed once what it waits for is ready, then awaited. */
    private final class Deployment {

        private final String id;
        private final Topology topology;
        private final StackFile file;
        private final Path files;
        private final SwarmStack stack;
        private final long started;
        private final TaskReadiness readiness;
        private final Set<Node> deployed = new LinkedHashSet<>();
        private final Map<Node, CompletableFuture<Void>> ready = new ConcurrentHashMap<>();
        private final Map<Node, List<Node>> dependencies;

        Deployment(String id, Topology topology, StackFile file, Path files, StackSecrets secrets, SwarmStack stack,
                   long started) {
            this.id = id;
            this.topology = topology;
            this.file = file;
            this.files = files;
            this.stack = stack;
            this.started = started;
            this.dependencies = StartOrder.dependencies(topology);
            this.readiness = new TaskReadiness(engine, id, topology, secrets.clients(), stack::closed, progress);
        }

        void run() {
            ExecutorService starters = Executors.newFixedThreadPool(topology.allNodes().size());
            try {
                CompletableFuture.allOf(topology.allNodes().stream().map(node -> readyFuture(node, starters))
                        .toArray(CompletableFuture[]::new)).join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
            } finally {
                starters.shutdownNow();
            }
        }

        private CompletableFuture<Void> readyFuture(Node node, ExecutorService starters) {
            CompletableFuture<Void> existing = ready.get(node);
            if (existing != null) {
                return existing;
            }
            CompletableFuture<Void> waitsFor = CompletableFuture.allOf(dependencies.get(node).stream()
                    .map(dependency -> readyFuture(dependency, starters)).toArray(CompletableFuture[]::new));
            CompletableFuture<Void> future = waitsFor.thenRunAsync(() -> {
                deploy(node);
                readiness.awaitReady(node, started);
            }, starters);
            ready.put(node, future);
            return future;
        }

        private void deploy(Node node) {
            synchronized (deployed) {
                if (stack.closed()) {
                    throw new IllegalStateException(node + " not deployed: its stack was closed while starting");
                }
                deployed.add(node);
                Path stackFile = files.resolve("stack.yml");
                try {
                    Files.writeString(stackFile, file.only(deployed).yaml(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                SwarmCli.docker("stack", "deploy", "--resolve-image", "never", "-c", stackFile.toString(), id);
            }
        }
    }
}
