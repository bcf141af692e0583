package pretix.resilience.cli;

import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;
import pretix.resilience.engine.Engine;
import pretix.resilience.engine.docker.Docker;
import pretix.resilience.engine.docker.DockerEngine;
import pretix.resilience.engine.docker.Labels;
import pretix.resilience.engine.docker.swarm.SwarmEngine;

/** Where a command starts stacks ({@code --engine}), and which engine controls a stack already there. */
enum EngineKind {
    DOCKER,
    SWARM;

    Engine local() {
        return this == SWARM ? SwarmEngine.local() : DockerEngine.local();
    }

    /** The engine of a stack that is running: Swarm when a stack deploy made its containers. */
    static Engine ofStack(String stackId) {
        // A stack deployed by hand from our stack file has only Swarm's label, under the name it was deployed as.
        boolean swarm = !Docker.client().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(Labels.SWARM_STACK, stackId)).exec().isEmpty();
        return (swarm ? SWARM : DOCKER).local();
    }

    /** {@code docker} or {@code swarm}, as typed. */
    static final class Converter implements ITypeConverter<EngineKind> {
        @Override
        public EngineKind convert(String name) {
            try {
                return valueOf(name.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("unknown engine '" + name + "': use docker (containers started by the"
                        + " harness) or swarm (a Swarm stack on this daemon's swarm)");
            }
        }
    }
}
