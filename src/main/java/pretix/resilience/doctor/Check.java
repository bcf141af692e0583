package pretix.resilience.doctor;

/** One precondition of running stacks on this machine, able to repair itself where it can. */
public interface Check {

    String name();

    /** @param fix whether to repair what is broken (may install packages or start daemons) */
    CheckResult run(boolean fix);
}
