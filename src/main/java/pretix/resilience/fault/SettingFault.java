package pretix.resilience.fault;

/** A fault that changes a setting of one running node, healed by setting it back. */
public sealed interface SettingFault extends Fault permits RoutingFault, SentinelAuthFault {

    Target target();

    /** The fault's key in a scenario file. */
    String id();

    @Override
    default String tier() {
        return target().tier().image();
    }

    @Override
    default String describe() {
        return id() + " " + target().expression();
    }
}
