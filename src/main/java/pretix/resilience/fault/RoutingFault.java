package pretix.resilience.fault;

/**
 * An HAProxy that no longer checks which Redis node is the master: its health checks are
 * switched off through its runtime API, so that it routes to every node, replicas included,
 * as a proxy without the role check would. Healed by switching them on again.
 */
public record RoutingFault(Target target) implements SettingFault {

    public static final String ID = "misroute";
    /** Without its checks a server keeps its last state: the replicas must be declared up as well. */
    static final String[] SWITCH_OFF = {"disable health redis/%s", "set server redis/%s health up"};
    static final String SWITCH_ON = "enable health redis/%s";

    @Override
    public String id() {
        return ID;
    }
}
