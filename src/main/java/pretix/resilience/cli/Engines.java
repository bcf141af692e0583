package pretix.resilience.cli;

import pretix.resilience.engine.Engine;
import pretix.resilience.engine.docker.DockerEngine;
import pretix.resilience.ProjectHome;

/** The engine the commands run stacks on: the local Docker daemon, with the project's images. */
final class Engines {

    private Engines() {}

    static Engine local() {
        return DockerEngine.local(ProjectHome.imagesDirectory());
    }
}
