package pretix.resilience.engine.docker.launch;

import java.nio.charset.StandardCharsets;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.images.builder.Transferable;
import pretix.resilience.stack.StackSecret;
import pretix.resilience.stack.StackSecrets;
import pretix.resilience.stack.Tier;

/**
 * Hands a container of one of the stack's images the secrets of its tier as Docker hands over
 * secrets: files readable inside the container (0444), each named by a {@code *_FILE} variable.
 */
public final class SecretFiles {

    private SecretFiles() {}

    public static <T extends GenericContainer<?>> T give(T container, Tier tier, StackSecrets secrets) {
        for (StackSecret secret : StackSecret.of(tier)) {
            container.withCopyToContainer(Transferable.of(secrets.get(secret).getBytes(StandardCharsets.UTF_8), 0444),
                    secret.path());
            container.withEnv(secret.environmentVariable(), secret.path());
        }
        return container;
    }
}
