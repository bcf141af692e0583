package pretix.resilience.stack.image;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.BuildResponseItem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import pretix.resilience.stack.Tier;

/**
 * Our images, built from {@code compose/images/<tier>} and tagged by a hash of the directory's
 * content and of the base image, so an unchanged image is never built twice.
 */
public final class StackImages {

    public static final String BASE_IMAGE = "debian:bookworm-slim";
    private static final String REPOSITORY_PREFIX = "pretix-resilience/";
    private static final int OUTPUT_LINES_KEPT = 30;

    private final DockerClient docker;
    private final Path imagesDirectory;
    private final Consumer<String> progress;

    public StackImages(DockerClient docker, Path imagesDirectory, Consumer<String> progress) {
        this.docker = docker;
        this.imagesDirectory = imagesDirectory;
        this.progress = progress;
    }

    /** The image name of each tier, building in parallel the ones that do not exist yet. */
    public Map<Tier, String> ensureBuilt(Collection<Tier> tiers) {
        String baseImageId = baseImageId();
        Map<Tier, String> names = new ConcurrentHashMap<>();
        tiers.parallelStream().forEach(tier -> {
            String name = REPOSITORY_PREFIX + tier.image() + ":" + contentHash(tier, baseImageId);
            if (!exists(name)) {
                build(tier, name);
            }
            names.put(tier, name);
        });
        return Map.copyOf(names);
    }

    public String contentHash(Tier tier, String baseImageId) {
        Path directory = imagesDirectory.resolve(tier.image());
        try (Stream<Path> files = Files.walk(directory)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(baseImageId.getBytes(StandardCharsets.UTF_8));
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                digest.update(directory.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(Files.readAllBytes(file));
                digest.update((byte) (Files.isExecutable(file) ? 1 : 0));
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 12);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read image directory " + directory
                    + " (run from the project directory, or set -Dchaos.home)", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
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

    private boolean exists(String name) {
        try {
            docker.inspectImageCmd(name).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    private void build(Tier tier, String name) {
        long started = System.nanoTime();
        progress.accept("building image " + name);
        BuildProgress buildProgress = new BuildProgress(tier.image());
        try {
            docker.buildImageCmd(imagesDirectory.resolve(tier.image()).toFile())
                    .withTags(Set.of(name))
                    .withNetworkMode("host")
                    .withPull(false)
                    .withRemove(true)
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
