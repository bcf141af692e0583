package pretix.resilience.doctor;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import pretix.resilience.engine.docker.Docker;
import pretix.resilience.engine.docker.image.StackImages;

/**
 * The base image of all our images is present. With fix it is pulled, or, where no registry
 * answers, built with debootstrap (minbase) from apt's own mirror and imported.
 */
final class BaseImageCheck implements Check {

    private static final String SUITE = "bookworm";
    private static final Duration PULL_TIMEOUT = Duration.ofSeconds(90);

    private final Consumer<String> progress;

    BaseImageCheck(Consumer<String> progress) {
        this.progress = progress;
    }

    @Override
    public String name() {
        return "base image " + StackImages.BASE_IMAGE;
    }

    @Override
    public CheckResult run(boolean fix) {
        if (!Docker.isReachable()) {
            return CheckResult.failed(name(), "not checked: the Docker daemon does not answer", "fix the daemon first");
        }
        DockerClient docker = Docker.client();
        Optional<String> present = imageId(docker);
        if (present.isPresent()) {
            return CheckResult.ok(name(), "present (" + present.get().substring(0, 19) + ")");
        }
        String remedy = "run `./chaos doctor --fix` (pulls it, or builds it with debootstrap as root)";
        if (!fix) {
            return CheckResult.failed(name(), "missing", remedy);
        }
        Optional<String> pullError = pull(docker);
        if (pullError.isEmpty()) {
            return CheckResult.fixed(name(), "pulled");
        }
        progress.accept("cannot pull " + StackImages.BASE_IMAGE + " (" + pullError.get() + "): building it with debootstrap");
        return buildWithDebootstrap(remedy);
    }

    private static Optional<String> imageId(DockerClient docker) {
        try {
            return Optional.of(docker.inspectImageCmd(StackImages.BASE_IMAGE).exec().getId());
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> pull(DockerClient docker) {
        String[] nameAndTag = StackImages.BASE_IMAGE.split(":");
        try {
            boolean done = docker.pullImageCmd(nameAndTag[0]).withTag(nameAndTag[1])
                    .exec(new PullImageResultCallback())
                    .awaitCompletion(PULL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            return done ? Optional.empty() : Optional.of("no answer within " + PULL_TIMEOUT.toSeconds() + " s");
        } catch (RuntimeException e) {
            return Optional.of(e.getMessage().lines().findFirst().orElse("error"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }

    private CheckResult buildWithDebootstrap(String remedy) {
        if (!Commands.isRoot()) {
            return CheckResult.failed(name(), "missing, not pullable, and debootstrap needs root", remedy);
        }
        Optional<String> mirror = AptSources.mirrorFor(SUITE);
        if (mirror.isEmpty()) {
            return CheckResult.failed(name(), "missing, not pullable, and apt has no mirror for " + SUITE,
                    "add a " + SUITE + " entry to /etc/apt/sources.list, or load the image with `docker load`");
        }
        if (!Commands.onPath("debootstrap")) {
            progress.accept("installing debootstrap...");
            Commands.Result install = Commands.aptInstall("debootstrap");
            if (!install.succeeded()) {
                return CheckResult.failed(name(), "apt-get install debootstrap failed:\n    " + install.tail(), remedy);
            }
        }
        Path rootfs = null;
        try {
            rootfs = Files.createTempDirectory("chaos-rootfs");
            progress.accept("debootstrap --variant=minbase " + SUITE + " from " + mirror.get() + " (about 30 s)...");
            Commands.Result bootstrap = Commands.run(Duration.ofMinutes(10), List.of("debootstrap",
                    "--variant=minbase", SUITE, rootfs.toString(), mirror.get()));
            if (!bootstrap.succeeded()) {
                return CheckResult.failed(name(), "debootstrap failed:\n    " + bootstrap.tail(), remedy);
            }
            Commands.run(Duration.ofMinutes(1), List.of("sh", "-c",
                    "rm -rf " + rootfs + "/var/cache/apt/archives/*.deb " + rootfs + "/var/lib/apt/lists/*"));
            importRootfs(rootfs);
            return CheckResult.fixed(name(), "built with debootstrap from " + mirror.get());
        } catch (IOException e) {
            return CheckResult.failed(name(), "cannot build it: " + e.getMessage(), remedy);
        } finally {
            if (rootfs != null) {
                Commands.run(Duration.ofMinutes(1), List.of("rm", "-rf", rootfs.toString()));
            }
        }
    }

    /**
     * Through the docker CLI (part of docker.io): docker-java's import request arrives truncated
     * at the daemon ("unexpected EOF"), whether fed from a pipe or from a file.
     */
    private static void importRootfs(Path rootfs) throws IOException {
        Commands.Result imported = Commands.run(Duration.ofMinutes(5), List.of("sh", "-c",
                "tar -C '" + rootfs + "' -c . | docker import - " + StackImages.BASE_IMAGE));
        if (!imported.succeeded()) {
            throw new IOException("docker import failed:\n    " + imported.tail());
        }
    }
}
