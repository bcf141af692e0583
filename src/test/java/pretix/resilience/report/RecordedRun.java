package pretix.resilience.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/** A run recorded on a real stack (summary.json and each repeat's evidence), copied where a test may render it. */
final class RecordedRun {

    static final Path SOURCE = Path.of("src/test/resources/recorded/20261128-043537-hardened-redis-master-frozen");
    /** A run that missed two objectives, one of them as its file expects: the reports' other branch. */
    static final Path MISSED = Path.of("src/test/resources/recorded/20261130-014159-missed-objectives");

    private RecordedRun() {}

    /** The recorded evidence alone, without any rendered report, in {@code reports/<run-id>/} under {@code root}. */
    static Path copyInto(Path root) throws IOException {
        return copyInto(root, SOURCE);
    }

    static Path copyInto(Path root, Path source) throws IOException {
        Path target = root.resolve(source.getFileName());
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path copy = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else if (List.of("summary.json", "history.jsonl", "result.json")
                        .contains(file.getFileName().toString())) {
                    Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return target;
    }
}
