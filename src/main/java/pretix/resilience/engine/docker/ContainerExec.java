package pretix.resilience.engine.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a command inside a running container and returns what it printed. */
public final class ContainerExec {

    private final DockerClient docker;

    public ContainerExec(DockerClient docker) {
        this.docker = docker;
    }

    /** @throws IllegalStateException when the command fails or does not finish in time */
    public String run(String containerId, List<String> environment, Duration timeout, String... command) {
        String execId = docker.execCreateCmd(containerId)
                .withCmd(command).withEnv(environment)
                .withAttachStdout(true).withAttachStderr(true)
                .exec().getId();
        StringBuilder output = new StringBuilder();
        try (var callback = docker.execStartCmd(execId).exec(new ResultCallback.Adapter<Frame>() {
            @Override
            public void onNext(Frame frame) {
                synchronized (output) {
                    output.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                }
            }
        })) {
            if (!callback.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command[0], e);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Long exitCode = docker.inspectExecCmd(execId).exec().getExitCodeLong();
        if (exitCode == null || exitCode != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + exitCode + ": " + output);
        }
        return output.toString();
    }
}
