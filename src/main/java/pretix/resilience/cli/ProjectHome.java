package pretix.resilience.cli;

import java.nio.file.Path;

/** The project directory: where {@code compose/images} lives. The launcher passes it as {@code chaos.home}. */
final class ProjectHome {

    private ProjectHome() {}

    static Path imagesDirectory() {
        return Path.of(System.getProperty("chaos.home", ".")).resolve("compose").resolve("images");
    }
}
