package pretix.resilience.run;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import pretix.resilience.scenario.Scenario;
import pretix.resilience.stack.DeployedNode;
import pretix.resilience.stack.DeployedStack;

/**
 * What a run ran on, for evidence: the harness version, every image by tag (the tag is the hash
 * of the image's build context, configuration included) and id, the scenario file's SHA-256, the
 * stack's profile, the Java and Docker versions.
 */
public record Fingerprint(String harnessVersion, Map<String, String> images, String scenarioSha256, String profile,
                          String javaVersion, String dockerVersion) {

    public static String currentHarnessVersion() {
        return Objects.requireNonNullElse(Fingerprint.class.getPackage().getImplementationVersion(), "development");
    }

    static Fingerprint of(DockerClient docker, DeployedStack stack, Scenario scenario) throws IOException {
        Map<String, String> images = new TreeMap<>();
        for (DeployedNode node : stack.nodes()) {
            InspectContainerResponse container = docker.inspectContainerCmd(node.containerId()).exec();
            images.put(container.getConfig().getImage(), container.getImageId());
        }
        return new Fingerprint(currentHarnessVersion(), images, sha256(Path.of(scenario.file())), stack.profile().id(),
                System.getProperty("java.version"), docker.versionCmd().exec().getVersion());
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
