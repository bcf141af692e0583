package pretix.resilience.engine.docker.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The tag of an image: a hash over its build context (names, contents and executable bits of
 * every file, added files included) and the id of the base image it is built on.
 */
final class ContentHash {

    private static final int LENGTH = 12;

    private ContentHash() {}

    static String of(ImageSource source, String baseImageId) {
        Path directory = source.directory();
        try (Stream<Path> files = Files.walk(directory)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(baseImageId.getBytes(StandardCharsets.UTF_8));
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                add(digest, directory.relativize(file).toString(), file);
            }
            for (Map.Entry<String, Path> added : new TreeMap<>(source.addedFiles()).entrySet()) {
                add(digest, added.getKey(), added.getValue());
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, LENGTH);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the build context of image " + source.name() + ": " + e.getMessage()
                    + " (run from the project directory, or set -Dchaos.home; `mvn package` builds the harness jar)", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void add(MessageDigest digest, String name, Path file) throws IOException {
        digest.update(name.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(Files.readAllBytes(file));
        digest.update((byte) (Files.isExecutable(file) ? 1 : 0));
    }
}
