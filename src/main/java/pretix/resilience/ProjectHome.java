package pretix.resilience;

import java.nio.file.Path;

/** The project directory, where {@code compose/images} lives. The launcher passes it as {@code chaos.home}. */
public final class ProjectHome {

    private ProjectHome() {}

    public static Path directory() {
        return Path.of(System.getProperty("chaos.home", "."));
    }

    /** The harness's own jar, as {@code mvn package} (or the launcher) builds it. */
    public static Path harnessJar() {
        return directory().resolve("target").resolve("chaos.jar");
    }

    public static Path imagesDirectory() {
        return directory().resolve("compose").resolve("images");
    }
}
