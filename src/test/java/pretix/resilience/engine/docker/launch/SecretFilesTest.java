package pretix.resilience.engine.docker.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.images.builder.Transferable;
import pretix.resilience.stack.StackSecret;
import pretix.resilience.stack.StackSecrets;
import pretix.resilience.stack.Tier;

class SecretFilesTest {

    private final StackSecrets secrets = StackSecrets.random();

    @Test
    void aShopGetsTheDatabaseAndRedisPasswordsAndItsTokenAsFilesNamedInItsEnvironment() {
        Recording shop = SecretFiles.give(new Recording(), Tier.SHOP, secrets);

        assertThat(shop.getEnvMap()).containsOnly(
                entry(StackSecret.POSTGRES_PASSWORD), entry(StackSecret.REDIS_PASSWORD), entry(StackSecret.SHOP_TOKEN));
        assertThat(shop.copies).hasSize(3).allSatisfy((path, transferable) -> {
            StackSecret secret = StackSecret.valueOf(path.substring(StackSecret.DIRECTORY.length())
                    .toUpperCase(Locale.ROOT).replace('-', '_'));
            assertThat(new String(transferable.getBytes(), StandardCharsets.UTF_8)).isEqualTo(secrets.get(secret));
            assertThat(transferable.getFileMode() & 0777).isEqualTo(0444);
        });
    }

    @Test
    void nginxAndToxiproxyGetNone() {
        assertThat(SecretFiles.give(new Recording(), Tier.NGINX, secrets).getEnvMap()).isEmpty();
        assertThat(SecretFiles.give(new Recording(), Tier.TOXIPROXY, secrets).copies).isEmpty();
    }

    @Test
    void valuesDifferPerStackAndNeverShowInText() {
        StackSecrets other = StackSecrets.random();
        for (StackSecret secret : StackSecret.values()) {
            assertThat(secrets.get(secret)).hasSize(32).matches("[A-Za-z0-9]+").isNotEqualTo(other.get(secret));
            assertThat(secrets.toString()).doesNotContain(secrets.get(secret));
        }
        assertThat(secrets.shopAccess().toString()).doesNotContain(secrets.get(StackSecret.SHOP_TOKEN));
    }

    /** A container that is never started, and remembers what it was to be given. */
    private static final class Recording extends GenericContainer<Recording> {
        final Map<String, Transferable> copies = new LinkedHashMap<>();

        Recording() {
            super("pretix-shop");
        }

        @Override
        public Recording withCopyToContainer(Transferable transferable, String path) {
            copies.put(path, transferable);
            return super.withCopyToContainer(transferable, path);
        }
    }

    private static Map.Entry<String, String> entry(StackSecret secret) {
        return Map.entry(secret.environmentVariable(), secret.path());
    }
}
