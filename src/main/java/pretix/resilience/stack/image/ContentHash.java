package pretix.resilience.stack.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.stream.Stream;

/**
 * The tag of an image: a hash over its build directory (names, contents and executable bits of
 * every file) and the id of the base image it is built on.
 */
final class ContentHash {

    private static final int LENGTH = 12;

    private ContentHash() {}

    static String of(Path directory, String baseImageId) {
        try (Stream<Path> files = Files.walk(directory)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(baseImageId.getBytes(StandardCharsets.UTF_8));
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                digest.update(directory.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(Files.readAllBytes(file));
                digest.update((byte) (Files.isExecutable(file) ? 1 : 0));
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, LENGTH);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read image directory " + directory
                    + " (run from the project directory, or set -Dchaos.home)", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
