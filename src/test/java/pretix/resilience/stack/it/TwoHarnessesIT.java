package pretix.resilience.stack.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static pretix.resilience.stack.it.HarnessProcess.chaos;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pretix.resilience.ProjectHome;
import pretix.resilience.engine.docker.Docker;
import pretix.resilience.engine.docker.Labels;
import pretix.resilience.stack.it.HarnessProcess.Run;

/**
 * Two harnesses on one Docker daemon, as a developer's run beside a CI job: one runs a scenario
 * while the other starts a stack and dies by SIGKILL. The run is as its file expects, and a
 * {@code chaos down} meanwhile removes the dead harness's containers and leaves the live one's.
 */
class TwoHarnessesIT {

    @AfterEach
    void leaveNothingBehind() throws Exception {
        chaos("down", "--all");
    }

    @Test
    void aHarnessKilledBesideARunningOneIsSweptWithoutTouchingIt(@TempDir Path reports) throws Exception {
        HarnessProcess running = HarnessProcess.start("run",
                ProjectHome.directory().resolve("scenarios/seed-nginx-replica-killed.yaml").toString(),
                "--repeat", "3", "--reports", reports.toString());
        // Three repeats: the second harness's start (a JVM, the image check) and the down last a good part of one.
        // Its first fault injected: the steady state it checks first is behind it, so that the second
        // harness's start (2 cores shared) cannot make it take a fresh stack.
        await("the first harness's fault").atMost(HarnessProcess.COMMAND_BOUND)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> running.output().contains("injected ") || !running.isAlive());
        assertThat(running.output()).as("the first harness, which ended early").contains("injected ");
        long runningContainers = running.containers();

        HarnessProcess crashing = HarnessProcess.crashing();
        await("containers of the second harness").atMost(HarnessProcess.COMMAND_BOUND)
                .pollInterval(Duration.ofMillis(200)).until(() -> crashing.containers() >= 3 || !crashing.isAlive());
        assertThat(crashing.isAlive()).as("the second harness, which ended before it had started 3 containers:\n%s",
                crashing.output()).isTrue();
        crashing.sigkill();
        assertThat(crashing.containers()).as("a SIGKILLed harness cannot clean up after itself").isPositive();

        Run down = chaos("down");
        assertThat(down.output()).as("down beside a live run").contains("harness process " + running.pid()
                + " still runs it");
        assertThat(crashing.containers()).as("the dead harness's containers, after down").isZero();
        long runningAfterDown = running.containers();
        assertThat(running.isAlive()).as("the first harness still runs after down (else this test needs a longer run)")
                .isTrue();

        Run run = running.awaitExit();
        assertThat(runningAfterDown).as(() -> "the live harness's containers, after down, which printed:\n"
                + down.output() + "\nwhile the live harness printed:\n" + run.output()).isEqualTo(runningContainers);
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("== seed-nginx-replica-killed: as expected").doesNotContain("fresh stack");
        assertThat(Docker.client().listContainersCmd().withShowAll(true)
                .withLabelFilter(List.of(Labels.HARNESS)).exec()).as("containers once both harnesses ended").isEmpty();
        assertThat(Docker.client().listNetworksCmd().withFilter("label", List.of(Labels.HARNESS)).exec())
                .as("networks once both harnesses ended").isEmpty();
    }
}
