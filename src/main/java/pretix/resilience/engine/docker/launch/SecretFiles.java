package pretix.resilience.engine.docker.launch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.Checksum;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
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

    private static final int READABLE_BY_ALL = 0444;

    private SecretFiles() {}

    public static <T extends GenericContainer<?>> T give(T container, Tier tier, StackSecrets secrets) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (StackSecret secret : StackSecret.of(tier)) {
            files.put(secret.path(), secrets.get(secret).getBytes(StandardCharsets.UTF_8));
            container.withEnv(secret.environmentVariable(), secret.path());
        }
        if (!files.isEmpty()) {
            container.withCopyToContainer(new Archive(files), "/");
        }
        return container;
    }

    /**
     * Every secret of a node in one archive, copied into its container in one call: a copy is a
     * round trip to a daemon that is busy creating the stack's other containers (0.2-0.5 s each
     * on 2 cores), and a node's start waits for all of them.
     */
    private record Archive(Map<String, byte[]> files) implements Transferable {

        @Override
        public long getSize() {
            return files.values().stream().mapToLong(content -> content.length).sum();
        }

        @Override
        public int getFileMode() {
            return READABLE_BY_ALL;
        }

        @Override
        public void transferTo(TarArchiveOutputStream tar, String destination) {
            try {
                for (Map.Entry<String, byte[]> file : files.entrySet()) {
                    TarArchiveEntry entry = new TarArchiveEntry(file.getKey());
                    entry.setSize(file.getValue().length);
                    entry.setMode(getFileMode());
                    tar.putArchiveEntry(entry);
                    tar.write(file.getValue());
                    tar.closeArchiveEntry();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not archive the secrets " + files.keySet(), e);
            }
        }

        @Override
        public String getDescription() {
            return "secrets " + files.keySet();
        }

        @Override
        public void updateChecksum(Checksum checksum) {
            files.forEach((path, content) -> {
                byte[] name = path.getBytes(StandardCharsets.UTF_8);
                checksum.update(name, 0, name.length);
                checksum.update(content, 0, content.length);
            });
        }
    }
}
