package pretix.resilience.engine.docker.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The directory Docker builds from: the image's own directory, or, when the harness adds
 * files, a temporary copy of it with those files, removed when the build is done.
 */
final class BuildContext implements AutoCloseable {

    private final Path directory;
    private final boolean staged;

    private BuildContext(Path directory, boolean staged) {
        this.directory = directory;
        this.staged = staged;
    }

    static BuildContext of(ImageSource source) {
        if (source.addedFiles().isEmpty()) {
            return new BuildContext(source.directory(), false);
        }
        try {
            Path staging = Files.createTempDirectory("chaos-build-" + source.name());
            try (Stream<Path> files = Files.walk(source.directory())) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Path target = staging.resolve(source.directory().relativize(file).toString());
                    Files.createDirectories(target.getParent());
                    Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
            for (Map.Entry<String, Path> added : source.addedFiles().entrySet()) {
                Files.copy(added.getValue(), staging.resolve(added.getKey()));
            }
            return new BuildContext(staging, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage the build context of " + source.name(), e);
        }
    }

    Path directory() {
        return directory;
    }

    @Override
    public void close() {
        if (!staged) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the staged build context " + directory, e);
        }
    }
}
