package pretix.resilience.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import pretix.resilience.engine.Engine;
import pretix.resilience.scenario.Scenario;
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

    static Fingerprint of(Engine engine, DeployedStack stack, Scenario scenario) throws IOException {
        return new Fingerprint(currentHarnessVersion(), engine.images(stack), sha256(Path.of(scenario.file())),
                stack.profile().id(), System.getProperty("java.version"), engine.version());
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
