package pretix.resilience;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The project directory, where {@code compose/images} lives. The launcher passes it as {@code chaos.home}. */
public final class ProjectHome {

    private ProjectHome() {}

    public static Path directory() {
        return Path.of(System.getProperty("chaos.home", "."));
    }

    /**
     * The harness's own jar, as {@code mvn package} (or the launcher) builds it; in another
     * project that depends on the harness, the jar it was loaded from.
     */
    public static Path harnessJar() {
        Path built = directory().resolve("target").resolve("chaos.jar");
        if (Files.isRegularFile(built)) {
            return built;
        }
        try {
            return Path.of(ProjectHome.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Path imagesDirectory() {
        return directory().resolve("compose").resolve("images");
    }
}
