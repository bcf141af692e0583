package example;

import static pretix.resilience.junit.RunAssert.assertThatRun;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import pretix.resilience.fault.ContainerFault;
import pretix.resilience.fault.ContainerFault.Action;
import pretix.resilience.fault.Target;
import pretix.resilience.junit.Resilience;
import pretix.resilience.junit.ResilienceSuite;
import pretix.resilience.result.RunResult;
import pretix.resilience.scenario.Step;
import pretix.resilience.stack.Profile;

/** A suite written in Java rather than as a scenario file: losing a Redis replica goes unnoticed. */
@ResilienceSuite(profile = Profile.HARDENED)
class RedisReplicaLossTest {

    /** The stateless-replica objective applies: a replica takes no client traffic. */
    private static final Duration REPLICA_SLO = Duration.ofSeconds(1);
    private static final Duration REDUNDANCY_BOUND = Duration.ofSeconds(90);
    /** The default profile's memory objective. */
    private static final double MEMORY_SHARE = 0.5;

    @Test
    void aKilledRedisReplicaCostsNoOrderAndNoWriteAndRejoins(Resilience resilience) throws Exception {
        RunResult run = resilience.run(Step.of(new ContainerFault(Action.KILL,
                Target.parse("redis.replica.any", resilience.topology())), Duration.ofSeconds(10)));

        assertThatRun(run).recoveredWithin(REPLICA_SLO).failedOrdersAtMost(0).lostNoAcknowledgedOrders()
                .lostNoAcknowledgedWrites().neverHadTwoWriters().redundancyRestoredWithin(REDUNDANCY_BOUND)
                .usedAtMostOfHostMemory(MEMORY_SHARE);
    }
}
