package pretix.resilience.engine.docker.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import pretix.resilience.ProjectHome;

/**
 * Where the images' build contexts are: the project's {@code compose/images}, or, for a suite in
 * another project that depends on the harness's jar, the copy the jar carries, unpacked once per
 * process. Scripts get their executable bit back, so the content hash, and with it the image tag,
 * is the same either way.
 */
public final class BundledImages {

    /** Where the build copies {@code compose/images} in the jar. */
    static final String RESOURCE = "pretix/resilience/images";

    private static Path unpacked;

    private BundledImages() {}

    public static synchronized Path directory() {
        Path inProject = ProjectHome.imagesDirectory();
        if (Files.isDirectory(inProject)) {
            return inProject;
        }
        if (unpacked == null) {
            unpacked = unpack();
        }
        return unpacked;
    }

    private static Path unpack() {
        try {
            Path codeSource = Path.of(BundledImages.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path target = Files.createTempDirectory("pretix-resilience-images");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(target), "remove-unpacked-images"));
            if (Files.isDirectory(codeSource)) {
                copy(codeSource.resolve(RESOURCE), target);
            } else {
                try (FileSystem jar = FileSystems.newFileSystem(codeSource)) {
                    copy(jar.getPath(RESOURCE), target);
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the images the harness carries", e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void copy(Path source, Path target) throws IOException {
        if (!Files.isDirectory(source)) {
            throw new IOException("neither " + ProjectHome.imagesDirectory() + " nor the harness's jar holds the images");
        }
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path copy = target.resolve(source.relativize(file).toString());
                Files.createDirectories(copy.getParent());
                Files.copy(file, copy);
                if (isScript(copy)) {
                    copy.toFile().setExecutable(true, false);
                }
            }
        }
    }

    private static boolean isScript(Path file) throws IOException {
        List<String> firstLine = Files.readAllLines(file).stream().limit(1).toList();
        return !firstLine.isEmpty() && firstLine.get(0).startsWith("#!");
    }

    private static void delete(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            // A temporary directory: the system cleans it up eventually.
        }
    }
}
