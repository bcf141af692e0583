package pretix.resilience.fault;

/** A fault on a node's CPU, memory or disk, through the engine the stack runs on. */
public record ResourceFault(ResourceEffect effect, Target target) implements Fault {

    @Override
    public String tier() {
        return target.tier().image();
    }

    @Override
    public String describe() {
        return effect.describe() + " " + target.expression();
    }
}
