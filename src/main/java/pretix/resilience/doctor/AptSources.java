package pretix.resilience.doctor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The Debian mirror apt is already configured with, read from {@code sources.list} (one-line
 * format) and {@code *.sources} (deb822 format), so that the base image comes from wherever
 * this machine is allowed to fetch packages.
 */
final class AptSources {

    private static final Path APT = Path.of("/etc/apt");

    private AptSources() {}

    /** The first {@code deb} URI that serves the given suite on this machine. */
    static Optional<String> mirrorFor(String suite) {
        List<Path> files = new ArrayList<>();
        files.add(APT.resolve("sources.list"));
        try (Stream<Path> listed = Files.list(APT.resolve("sources.list.d"))) {
            listed.sorted().forEach(files::add);
        } catch (IOException e) {
            // no sources.list.d: sources.list alone
        }
        for (Path file : files) {
            try {
                Optional<String> mirror = file.toString().endsWith(".sources")
                        ? fromDeb822(Files.readString(file), suite)
                        : fromOneLine(Files.readString(file), suite);
                if (mirror.isPresent()) {
                    return mirror;
                }
            } catch (IOException e) {
                // unreadable or absent: try the next file
            }
        }
        return Optional.empty();
    }

    static Optional<String> fromOneLine(String content, String suite) {
        for (String line : content.split("\n")) {
            String[] fields = line.replaceAll("\\[[^]]*]", " ").trim().split("\\s+");
            if (fields.length >= 3 && fields[0].equals("deb") && fields[2].equals(suite)) {
                return Optional.of(fields[1]);
            }
        }
        return Optional.empty();
    }

    static Optional<String> fromDeb822(String content, String suite) {
        for (String stanza : content.split("\n\\s*\n")) {
            List<String> types = field(stanza, "Types");
            List<String> uris = field(stanza, "URIs");
            if (types.contains("deb") && field(stanza, "Suites").contains(suite) && !uris.isEmpty()
                    && !field(stanza, "Enabled").contains("no")) {
                return Optional.of(uris.get(0));
            }
        }
        return Optional.empty();
    }

    private static List<String> field(String stanza, String name) {
        for (String line : stanza.split("\n")) {
            if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                return List.of(line.substring(name.length() + 1).trim().split("\\s+"));
            }
        }
        return List.of();
    }
}
