package pretix.resilience.engine.docker.swarm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@code docker} command line, for what only it does: {@code docker stack deploy} reads a
 * stack file, which the Engine API does not know; swarm membership goes the same way, as a user
 * types it.
 */
final class SwarmCli {

    private static final long TIMEOUT_SECONDS = 120;

    private SwarmCli() {}

    /** Runs {@code docker ARGS…} and returns its output; fails with that output when it fails. */
    static String docker(String... arguments) {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed (exit " + process.exitValue() + "): "
                        + output.strip());
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("could not run docker (the CLI is part of Debian's docker.io:"
                    + " `./chaos doctor --fix` installs it): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        }
    }
}
