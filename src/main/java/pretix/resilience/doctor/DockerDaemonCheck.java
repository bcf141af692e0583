package pretix.resilience.doctor;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.function.Consumer;
import org.awaitility.core.ConditionTimeoutException;
import pretix.resilience.engine.docker.Docker;

/** The Docker daemon answers; with fix, Debian's docker.io is installed and dockerd started detached. */
final class DockerDaemonCheck implements Check {

    static final String DAEMON_LOG = "/var/log/dockerd.log";
    private static final Duration DAEMON_START = Duration.ofSeconds(60);

    private final Consumer<String> progress;

    DockerDaemonCheck(Consumer<String> progress) {
        this.progress = progress;
    }

    @Override
    public String name() {
        return "Docker daemon";
    }

    @Override
    public CheckResult run(boolean fix) {
        if (Docker.isReachable()) {
            return CheckResult.ok(name(), "Docker " + Docker.client().versionCmd().exec().getVersion()
                    + " answers at " + Docker.host());
        }
        String remedy = "run `./chaos doctor --fix` as root on Debian (installs docker.io, starts dockerd),"
                + " or start your Docker daemon and check DOCKER_HOST";
        if (!fix) {
            return CheckResult.failed(name(), "no Docker daemon answers at " + Docker.host(), remedy);
        }
        if (!Docker.host().startsWith("unix://")) {
            return CheckResult.failed(name(), "DOCKER_HOST " + Docker.host() + " does not answer and is not"
                    + " local, so it cannot be started from here", "start that daemon or unset DOCKER_HOST");
        }
        if (!Commands.isRoot()) {
            return CheckResult.failed(name(), "no Docker daemon answers, and installing one needs root", remedy);
        }
        if (!Commands.onPath("dockerd")) {
            progress.accept("installing Debian's docker.io (1-2 min)...");
            Commands.Result install = Commands.aptInstall("docker.io");
            if (!install.succeeded()) {
                return CheckResult.failed(name(), "apt-get install docker.io failed:\n    " + install.tail(), remedy);
            }
        }
        progress.accept("starting dockerd in the background (log: " + DAEMON_LOG + ")...");
        try {
            // setsid detaches the daemon from this terminal: a CI step waiting on our output must not
            // wait for the daemon too.
            new ProcessBuilder("setsid", "dockerd")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(new File(DAEMON_LOG)))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            await().atMost(DAEMON_START).pollInterval(Duration.ofMillis(250)).until(Docker::isReachable);
        } catch (IOException e) {
            return CheckResult.failed(name(), "cannot start dockerd: " + e.getMessage(), remedy);
        } catch (ConditionTimeoutException e) {
            return CheckResult.failed(name(), "dockerd started but did not answer within "
                    + DAEMON_START.toSeconds() + " s", "read " + DAEMON_LOG);
        }
        return CheckResult.fixed(name(), "started dockerd " + Docker.client().versionCmd().exec().getVersion()
                + " (log: " + DAEMON_LOG + ")");
    }
}
