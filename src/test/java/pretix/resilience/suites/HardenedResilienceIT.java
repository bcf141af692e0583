package pretix.resilience.suites;

import static pretix.resilience.junit.RunAssert.assertThatRun;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import pretix.resilience.fault.ContainerFault;
import pretix.resilience.fault.ContainerFault.Action;
import pretix.resilience.fault.Target;
import pretix.resilience.junit.Resilience;
import pretix.resilience.junit.ResilienceSuite;
import pretix.resilience.run.RunResult;
import pretix.resilience.run.Step;
import pretix.resilience.stack.Profile;

/** The N+1 claims of the hardened profile, each under order load, judged against the default SLOs. */
@ResilienceSuite(profile = Profile.HARDENED)
class HardenedResilienceIT {

    /** Redis and PostgreSQL failover recovery, the default SLO. */
    private static final Duration FAILOVER_SLO = Duration.ofSeconds(5);
    /** Losing a stateless replica. */
    private static final Duration STATELESS_SLO = Duration.ofSeconds(1);
    private static final double STATELESS_FAILED_ORDERS = 0.01;
    /** A liveness bound for every tier to be complete again: restarts, rewinds and re-attaching take seconds. */
    private static final Duration REDUNDANCY_BOUND = Duration.ofSeconds(60);
    private static final Duration HELD = Duration.ofSeconds(10);

    @Test
    void redisMasterKilled(Resilience resilience) throws Exception {
        RunResult run = resilience.run(Step.of(kill("redis.master", resilience), HELD));

        assertThatRun(run).recoveredWithin(FAILOVER_SLO).lostNoAcknowledgedOrders().lostNoAcknowledgedWrites()
                .hasNoPhantomOrdersAndNoOversoldQuota().neverHadTwoWriters().redundancyRestoredWithin(REDUNDANCY_BOUND);
    }

    @Test
    void postgresPrimaryKilled(Resilience resilience) throws Exception {
        RunResult run = resilience.run(Step.of(kill("postgres.primary", resilience), HELD));

        assertThatRun(run).recoveredWithin(FAILOVER_SLO).lostNoAcknowledgedOrders().lostNoAcknowledgedWrites()
                .hasNoPhantomOrdersAndNoOversoldQuota().neverHadTwoWriters().redundancyRestoredWithin(REDUNDANCY_BOUND);
    }

    @Test
    void shopReplicaKilled(Resilience resilience) throws Exception {
        RunResult run = resilience.run(Step.of(kill("shop.any", resilience), HELD));

        assertThatRun(run).recoveredWithin(STATELESS_SLO).failedOrdersAtMost(STATELESS_FAILED_ORDERS)
                .lostNoAcknowledgedOrders().hasNoPhantomOrdersAndNoOversoldQuota()
                .redundancyRestoredWithin(REDUNDANCY_BOUND);
    }

    private static ContainerFault kill(String target, Resilience resilience) {
        return new ContainerFault(Action.KILL, Target.parse(target, resilience.topology()));
    }
}
