package pretix.resilience.suites;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static pretix.resilience.junit.RunAssert.assertThatRun;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import pretix.resilience.fault.ContainerFault;
import pretix.resilience.fault.ContainerFault.Action;
import pretix.resilience.fault.LinkEffect;
import pretix.resilience.fault.LinkFault;
import pretix.resilience.fault.Target;
import pretix.resilience.junit.Resilience;
import pretix.resilience.junit.ResilienceSuite;
import pretix.resilience.run.RunResult;
import pretix.resilience.run.Step;
import pretix.resilience.stack.Profile;

/**
 * The operation report's deployment under the same faults: what the harness reveals where it
 * falls short of the default SLOs, and that it catches a lost acknowledged order when one is
 * lost (verdict accuracy).
 */
@ResilienceSuite(profile = Profile.SEED)
class SeedResilienceIT {

    private static final Duration FAILOVER_SLO = Duration.ofSeconds(5);
    private static final Duration REDUNDANCY_BOUND = Duration.ofSeconds(90);
    private static final double STATELESS_FAILED_ORDERS = 0.01;
    /** A thawed former primary asks pgpool every second, then stops with a fast shutdown. */
    private static final Duration FENCING_BOUND = Duration.ofSeconds(5);

    /** Sentinel's default down-after of 30 s: the failover comes, long after the SLO, and the run says by how much. */
    @Test
    void redisMasterKilledRecoversOnlyAfterSentinelsDefaultDownAfter(Resilience resilience) throws Exception {
        RunResult run = resilience.run(Step.of(kill("redis.master", resilience), Duration.ofSeconds(45)));

        assertThat(run.faults().get(0).recoveryMs()).as("recovery %s", run.faults().get(0))
                .isNotNull().isGreaterThan(FAILOVER_SLO.toMillis());
        assertThatThrownBy(() -> assertThatRun(run).recoveredWithin(FAILOVER_SLO))
                .hasMessageContaining("to recover within 5000 ms, but it took " + run.faults().get(0).recoveryMs() + " ms");
        assertThatRun(run).lostNoAcknowledgedOrders().redundancyRestoredWithin(REDUNDANCY_BOUND);
    }

    @Test
    void postgresPrimaryKilledFailsOverThroughBothPgpools(Resilience resilience) throws Exception {
        RunResult run = resilience.run(Step.of(kill("postgres.primary", resilience), Duration.ofSeconds(10)));

        assertThatRun(run).recoveredWithin(FAILOVER_SLO).hasNoPhantomOrdersAndNoOversoldQuota()
                .redundancyRestoredWithin(REDUNDANCY_BOUND);
    }

    /**
     * Verdict accuracy: with asynchronous replication cut off, the primary acknowledges orders no
     * standby has; killing it then loses them, and the run must say so.
     */
    @Test
    void asyncReplicationCutThenPrimaryKilledLosesAcknowledgedOrders(Resilience resilience) throws Exception {
        RunResult run = resilience.run(
                new Step(Duration.ZERO, new LinkFault("replication", new LinkEffect.Down()), Duration.ofSeconds(25)),
                new Step(Duration.ofSeconds(5), kill("postgres.primary", resilience), Duration.ofSeconds(15)));

        assertThatRun(run).lostAcknowledgedOrders();
        assertThat(run.orders().lost()).as("orders acknowledged during the cut").isNotEmpty();
    }

    @ParameterizedTest(name = "{0} loses a replica")
    @ValueSource(strings = {"nginx.any", "shop.any", "pgpool.any", "haproxy.any"})
    void statelessReplicaKilled(String target, Resilience resilience) throws Exception {
        RunResult run = resilience.run(Step.of(kill(target, resilience), Duration.ofSeconds(10)));

        assertThatRun(run).failedOrdersAtMost(STATELESS_FAILED_ORDERS).lostNoAcknowledgedOrders()
                .hasNoPhantomOrdersAndNoOversoldQuota().redundancyRestoredWithin(REDUNDANCY_BOUND);
    }

    /**
     * A primary frozen for 30 s: the run reports the stall as an SLO violation with its measured
     * length, and the thawed former primary is fenced and rejoins instead of staying a writer.
     */
    @Test
    void postgresPrimaryFrozenFor30SecondsIsReportedAsAnSloViolation(Resilience resilience) throws Exception {
        RunResult run = resilience.run(Step.of(new ContainerFault(Action.PAUSE,
                Target.parse("postgres.primary", resilience.topology())), Duration.ofSeconds(30)));

        assertThatThrownBy(() -> assertThatRun(run).recoveredWithin(FAILOVER_SLO))
                .hasMessageContaining("to recover within 5000 ms, but it");
        assertThat(run.singleWriter().longestSplitBrainMs()).as("a thawed primary next to the new one: %s",
                run.singleWriter().splitBrains()).isLessThanOrEqualTo(FENCING_BOUND.toMillis());
        assertThatRun(run).hasNoPhantomOrdersAndNoOversoldQuota().redundancyRestoredWithin(REDUNDANCY_BOUND);
    }

    private static ContainerFault kill(String target, Resilience resilience) {
        return new ContainerFault(Action.KILL, Target.parse(target, resilience.topology()));
    }
}
