package pretix.resilience.engine.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;
import java.util.concurrent.TimeUnit;

/** What a container printed (standard output and error), to a file with Docker's timestamps, or as text. */
public final class ContainerLogs {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final DockerClient docker;

    public ContainerLogs(DockerClient docker) {
        this.docker = docker;
    }

    /** Every line the container printed since {@code since}, to {@code file}. */
    public void copy(String containerId, Instant since, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            write(containerId, since, true, out);
        }
    }

    /**
     * What every node of a stack that did not get ready printed, to look into after it is gone:
     * one file per node, in a temporary directory that progress names.
     */
    public void keepForAStartThatFailed(String stackId, Map<String, String> containerIdByNode, Consumer<String> progress) {
        try {
            Path directory = Files.createTempDirectory(stackId + "-did-not-get-ready-");
            for (Map.Entry<String, String> node : containerIdByNode.entrySet()) {
                copy(node.getValue(), Instant.EPOCH, directory.resolve(node.getKey() + ".log"));
            }
            progress.accept("kept every node's log of the stack that did not get ready in " + directory);
        } catch (IOException | RuntimeException e) {
            progress.accept("could not keep the logs of the stack that did not get ready: " + e.getMessage());
        }
    }

    /** Everything the container printed, without timestamps: a short-lived helper's output. */
    public String text(String containerId) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(containerId, Instant.EPOCH, false, out);
        return out.toString(StandardCharsets.UTF_8).strip();
    }

    private void write(String containerId, Instant since, boolean timestamps, OutputStream out) throws IOException {
        try (var callback = docker.logContainerCmd(containerId).withStdOut(true).withStdErr(true)
                .withTimestamps(timestamps).withSince((int) since.getEpochSecond())
                .exec(new ResultCallback.Adapter<Frame>() {
                    @Override
                    public void onNext(Frame frame) {
                        try {
                            out.write(frame.getPayload());
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                })) {
            if (!callback.awaitCompletion(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IOException("the logs of " + containerId + " did not arrive within " + TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while copying the logs of " + containerId, e);
        }
    }
}
