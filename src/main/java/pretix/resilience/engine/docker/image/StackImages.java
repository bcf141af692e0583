package pretix.resilience.engine.docker.image;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.BuildResponseItem;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import pretix.resilience.ProjectHome;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Stream;
import pretix.resilience.stack.Tier;

/**
 * Our images, built from {@code compose/images/<tier>} and tagged by a hash of the directory's
 * content and of the base image, so an unchanged image is never built twice.
 */
public final class StackImages {

    public static final String BASE_IMAGE = "debian:bookworm-slim";
    /** The harness's helper that changes a node's packet filter from inside the node's network namespace. */
    public static final String NEMESIS = "nemesis";
    private static final String REPOSITORY_PREFIX = "pretix-resilience/";
    private static final int OUTPUT_LINES_KEPT = 30;
    private static final Set<String> JAR_IMAGES = Set.of("shop", "toxiproxy");

    private final DockerClient docker;
    private final Path imagesDirectory;
    private final Consumer<String> progress;

    public StackImages(DockerClient docker, Path imagesDirectory, Consumer<String> progress) {
        this.docker = docker;
        this.imagesDirectory = imagesDirectory;
        this.progress = progress;
    }

    /** The servers we wrote ourselves (the shop, the Toxiproxy-compatible server) run the harness's own jar. */
    public ImageSource source(String name) {
        ImageSource source = ImageSource.of(imagesDirectory, name);
        return JAR_IMAGES.contains(name) ? source.withFile("chaos.jar", ProjectHome.harnessJar()) : source;
    }

    /** Every image a stack and the harness's helper need, by name: {@link #ensureBuilt} of them all. */
    public Map<String, String> ensureAllBuilt() {
        return ensureBuilt(Stream.concat(Arrays.stream(Tier.values()).map(Tier::image), Stream.of(NEMESIS))
                .map(this::source).toList());
    }

    /**
     * The image name of each source, building the missing ones all at once: builds wait on
     * apt downloads far more than on the two cores.
     */
    public Map<String, String> ensureBuilt(Collection<ImageSource> sources) {
        String baseImageId = baseImageId();
        Map<String, String> names = new LinkedHashMap<>();
        sources.forEach(source -> names.put(source.name(),
                REPOSITORY_PREFIX + source.name() + ":" + ContentHash.of(source, baseImageId)));
        List<ImageSource> missing = sources.stream().filter(source -> !exists(names.get(source.name()))).toList();
        if (!missing.isEmpty()) {
            long started = System.nanoTime();
            ExecutorService builders = Executors.newFixedThreadPool(missing.size());
            try {
                List<Future<?>> builds = missing.stream()
                        .<Future<?>>map(source -> builders.submit(() -> build(source, names.get(source.name()))))
                        .toList();
                for (Future<?> build : builds) {
                    awaitBuild(build);
                }
            } finally {
                builders.shutdownNow();
            }
            progress.accept(String.format("built %d images in %.1f s", missing.size(), (System.nanoTime() - started) / 1e9));
        }
        return Map.copyOf(names);
    }

    private static void awaitBuild(Future<?> build) {
        try {
            build.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building images", e);
        }
    }

    private String baseImageId() {
        try {
            return docker.inspectImageCmd(BASE_IMAGE).exec().getId();
        } catch (NotFoundException e) {
            throw new IllegalStateException("base image " + BASE_IMAGE
                    + " is missing: run `./chaos doctor --fix` to pull or build it");
        }
    }

    /**
     * Tags each image also as {@code pretix-resilience/<name>:latest}, the name a stack file
     * written for people ({@code chaos export}) refers to.
     */
    public void tagLatest(Map<String, String> names) {
        names.forEach((source, name) -> docker.tagImageCmd(name, REPOSITORY_PREFIX + source, "latest").withForce().exec());
    }

    private boolean exists(String name) {
        try {
            docker.inspectImageCmd(name).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    private void build(ImageSource source, String name) {
        long started = System.nanoTime();
        progress.accept("building image " + name);
        BuildProgress buildProgress = new BuildProgress(source.name());
        try (BuildContext context = BuildContext.of(source)) {
            docker.buildImageCmd(context.directory().toFile())
                    .withTags(Set.of(name))
                    .withNetworkMode("host")
                    .withPull(false)
                    .withRemove(true)
                    .withForcerm(true)
                    .exec(buildProgress)
                    .awaitImageId();
        } catch (RuntimeException e) {
            throw new ImageBuildException("building " + name + " failed at " + buildProgress.step + ": "
                    + e.getMessage() + "\n  last output:\n    " + String.join("\n    ", buildProgress.lastLines()), e);
        }
        progress.accept(String.format("built image %s in %.1f s", name, (System.nanoTime() - started) / 1e9));
    }

    /** Reports each Dockerfile step and keeps the tail of the output for an error message. */
    private final class BuildProgress extends BuildImageResultCallback {
        private final String image;
        private final Deque<String> lastLines = new ArrayDeque<>();
        private String step = "the start";

        private BuildProgress(String image) {
            this.image = image;
        }

        @Override
        public void onNext(BuildResponseItem item) {
            if (item.getStream() != null) {
                for (String line : item.getStream().split("\n")) {
                    record(line);
                }
            }
            if (item.getErrorDetail() != null) {
                record(item.getErrorDetail().getMessage());
            }
            super.onNext(item);
        }

        private synchronized void record(String line) {
            if (line.isBlank()) {
                return;
            }
            if (line.startsWith("Step ")) {
                step = line;
                progress.accept("  " + image + ": " + line);
            }
            lastLines.addLast(line);
            if (lastLines.size() > OUTPUT_LINES_KEPT) {
                lastLines.removeFirst();
            }
        }

        private synchronized List<String> lastLines() {
            return List.copyOf(lastLines);
        }
    }
}
