package pretix.resilience.fault;

import java.util.Optional;
import pretix.resilience.engine.Engine;

/** A fault on a node's CPU, memory or disk, through the engine the stack runs on. */
public record ResourceFault(ResourceEffect effect, Target target) implements Fault {

    @Override
    public Optional<String> unsupportedOn(Engine engine) {
        return effect instanceof ResourceEffect.DiskFull ? FaultKind.DISK_FULL.unsupportedOn(engine) : Optional.empty();
    }

    @Override
    public String tier() {
        return target.tier().image();
    }

    @Override
    public String describe() {
        return effect.describe() + " " + target.expression();
    }
}
