package pretix.resilience.stack.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.model.LocalNodeState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pretix.resilience.ProjectHome;
import pretix.resilience.engine.docker.Docker;
import pretix.resilience.engine.docker.Labels;
import pretix.resilience.report.Summary;
import pretix.resilience.run.RunFiles;
import pretix.resilience.stack.it.HarnessProcess.Run;

/**
 * The Swarm engine as a user meets it: `chaos run --engine swarm` sweeps the services a SIGKILLed
 * `chaos up --engine swarm` left, deploys the stack on a swarm it initialises, kills a shop task
 * that Swarm replaces (its replacement measured), the Redis master and the PostgreSQL primary, and
 * cuts the primary off; a stack deployed by hand from the stack file `chaos export` writes takes a
 * scale-down and rolling updates through `chaos run --attach`. Each verdict is the one its file
 * expects, and nothing is left: no service, no container, network, volume or secret, and no swarm
 * the harness made.
 */
class SwarmIT {

    private static final String BY_HAND = "pretix-by-hand";
    private static final String GATEWAY_BRIDGE = "docker_gwbridge";

    @TempDir
    Path reports;

    private boolean swarmBefore;
    private boolean gatewayBridgeBefore;

    @BeforeEach
    void noteTheSwarm() {
        swarmBefore = swarmActive();
        gatewayBridgeBefore = gatewayBridgeExists();
    }

    @AfterEach
    void removeWhatTheTestDeployedByHand() throws Exception {
        if (swarmActive() && docker("stack", "ls", "--format", "{{.Name}}").lines().anyMatch(BY_HAND::equals)) {
            docker("stack", "rm", BY_HAND);
        }
        // Swarm removes the tasks' containers after the services, and a volume only once they are gone.
        await().atMost(Duration.ofMinutes(1)).until(() -> Docker.client().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(Labels.SWARM_STACK, BY_HAND)).exec().isEmpty());
        var volumes = Docker.client().listVolumesCmd().withFilter("label", List.of(Labels.SWARM_STACK + "=" + BY_HAND))
                .exec().getVolumes();
        if (volumes != null) {
            volumes.forEach(volume -> Docker.client().removeVolumeCmd(volume.getName()).exec());
        }
        if (!swarmBefore && swarmActive()) {
            docker("swarm", "leave", "--force");
        }
        if (!gatewayBridgeBefore && gatewayBridgeExists()) {
            Docker.client().removeNetworkCmd(GATEWAY_BRIDGE).exec();
        }
    }

    @Test
    void theHarnessDeploysTheStackOnASwarmAndItsFailoversAreAsOnTheDockerEngine() throws Exception {
        HarnessProcess crashing = HarnessProcess.start("up", "--engine", "swarm");
        await("services of a harness to be killed while it deploys").atMost(HarnessProcess.COMMAND_BOUND)
                .pollInterval(Duration.ofMillis(200)).until(() -> crashing.containers() >= 3 || !crashing.isAlive());
        assertThat(crashing.isAlive()).as("the harness to be killed, which ended first:\n%s", crashing.output()).isTrue();
        crashing.sigkill();

        Run run = HarnessProcess.chaos("run", "--engine", "swarm", "--reports", reports.toString(),
                "scenarios/hardened-swarm-shop-task-replaced.yaml", "scenarios/hardened-redis-master-killed.yaml",
                "scenarios/hardened-postgres-primary-killed.yaml", "scenarios/hardened-postgres-primary-disconnected.yaml");

        assertThat(run.output()).contains("the stack's services are reached through")
                .containsPattern("removed what a crashed run left behind: [1-9][0-9]* Swarm services");
        assertThat(run.exitCode()).as(run.output()).isZero();
        List<Summary> summaries = summaries();
        assertThat(summaries).hasSize(4).allSatisfy(summary -> assertThat(summary.asExpected()).isTrue());
        Summary replaced = summaries.stream()
                .filter(summary -> summary.scenario().name().equals("hardened-swarm-shop-task-replaced")).findFirst()
                .orElseThrow();
        assertThat(replaced.repeats().get(0).result().redundancy().restoredAfterFaultMs())
                .as("the killed shop's task replaced by Swarm, before the scenario's heal at 20 s")
                .isNotNull().isLessThan(20_000L);
        assertNothingLeft();
    }

    @Test
    void aStackDeployedByHandFromTheStackFileTakesScalingAndRollingUpdates() throws Exception {
        Path deployment = Files.createTempDirectory(reports, "deployment");
        Run export = HarnessProcess.chaos("export", "--out", deployment.toString(), "--secrets", "--build-images");
        assertThat(export.exitCode()).as(export.output()).isZero();
        assertThat(Files.readString(deployment.resolve("pretix-stack.yml")))
                .isEqualTo(Files.readString(ProjectHome.directory().resolve("compose/pretix-stack.yml")));
        if (!swarmActive()) {
            docker("swarm", "init", "--advertise-addr", "127.0.0.1");
        }
        docker(deployment, "stack", "deploy", "--resolve-image", "never", "-c", "pretix-stack.yml", BY_HAND);

        Run run = HarnessProcess.chaos("run", "--engine", "swarm", "--attach", BY_HAND, "--reports", reports.toString(),
                "scenarios/hardened-swarm-shop-scaled-down.yaml", "scenarios/hardened-swarm-rolling-update.yaml");

        assertThat(run.output()).contains("attached to stack " + BY_HAND);
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(summaries()).hasSize(2).allSatisfy(summary -> assertThat(summary.asExpected()).isTrue());
        assertThat(docker("service", "ls", "--filter", "label=" + Labels.SWARM_STACK + "=" + BY_HAND, "--format",
                "{{.Replicas}}").lines()).as("the attached stack left running, every service at its task")
                .hasSize(19).allMatch("1/1"::equals);
        assertThat(Docker.client().listContainersCmd().withShowAll(true)
                .withLabelFilter(List.of(Labels.HARNESS)).exec()).as("containers of the harness").isEmpty();
    }

    private void assertNothingLeft() throws Exception {
        assertThat(Docker.client().listContainersCmd().withShowAll(true).withLabelFilter(List.of(Labels.HARNESS)).exec())
                .as("containers").isEmpty();
        assertThat(Docker.client().listNetworksCmd().withFilter("label", List.of(Labels.HARNESS)).exec()).as("networks")
                .isEmpty();
        assertThat(Docker.client().listVolumesCmd().withFilter("label", List.of(Labels.HARNESS)).exec().getVolumes())
                .as("volumes").isNullOrEmpty();
        if (swarmActive()) {
            assertThat(Docker.client().listServicesCmd().withLabelFilter(Map.of(Labels.HARNESS, "true")).exec())
                    .as("services").isEmpty();
            assertThat(Docker.client().listSecretsCmd().withLabelFilter(Map.of(Labels.HARNESS, "true")).exec())
                    .as("secrets").isEmpty();
        }
        assertThat(swarmActive()).as("the swarm the harness made, left again").isEqualTo(swarmBefore);
        assertThat(gatewayBridgeExists()).as("the gateway bridge of the swarm the harness made, removed again")
                .isEqualTo(gatewayBridgeBefore);
    }

    private List<Summary> summaries() throws IOException {
        List<Summary> summaries = new ArrayList<>();
        try (Stream<Path> files = Files.walk(reports)) {
            for (Path file : files.filter(path -> path.getFileName().toString().equals("summary.json")).toList()) {
                summaries.add(RunFiles.JSON.readValue(file.toFile(), Summary.class));
            }
        }
        return summaries;
    }

    private static boolean gatewayBridgeExists() {
        return Docker.client().listNetworksCmd().withNameFilter(GATEWAY_BRIDGE).exec().stream()
                .anyMatch(network -> GATEWAY_BRIDGE.equals(network.getName()));
    }

    private static boolean swarmActive() {
        var swarm = Docker.client().infoCmd().exec().getSwarm();
        return swarm != null && swarm.getLocalNodeState() == LocalNodeState.ACTIVE;
    }

    private static String docker(String... arguments) throws Exception {
        return docker(Path.of("."), arguments);
    }

    private static String docker(Path directory, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as("%s: %s", command, output).isZero();
        return output;
    }
}
