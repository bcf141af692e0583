package pretix.resilience.fault;

/**
 * A sentinel that logs in to the Redis nodes with a wrong {@code auth-pass}, as one does after
 * the Redis password changed without it, or after a configuration push with a typo: it is
 * given the wrong one and reset, so that it connects to every node afresh with it, as a
 * restarted sentinel would. It can neither see the nodes nor reconfigure them: with every
 * sentinel so, no failover happens. Healed by giving it the right one and resetting it again.
 */
public record SentinelAuthFault(Target target) implements SettingFault {

    public static final String ID = "wrong_auth_pass";

    @Override
    public String id() {
        return ID;
    }
}
