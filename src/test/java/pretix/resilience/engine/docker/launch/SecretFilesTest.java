package pretix.resilience.engine.docker.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
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
        assertThat(shop.copies).as("one copy into the container for every file").hasSize(1);
        Map<String, TarArchiveEntry> entries = new LinkedHashMap<>();
        Map<String, String> contents = new LinkedHashMap<>();
        readArchive(shop.copies.values().iterator().next(), entries, contents);
        assertThat(entries).hasSize(3).allSatisfy((path, entry) -> {
            StackSecret secret = StackSecret.valueOf(path.substring(StackSecret.DIRECTORY.length())
                    .toUpperCase(Locale.ROOT).replace('-', '_'));
            assertThat(contents.get(path)).isEqualTo(secrets.get(secret));
            assertThat(entry.getMode() & 0777).isEqualTo(0444);
            assertThat(entry.isFile()).isTrue();
        });
    }

    private static void readArchive(Transferable archive, Map<String, TarArchiveEntry> entries, Map<String, String> contents) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            archive.transferTo(tar, "/");
            tar.finish();
            try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                for (TarArchiveEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                    String path = "/" + entry.getName().replaceFirst("^/", "");
                    entries.put(path, entry);
                    contents.put(path, new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
