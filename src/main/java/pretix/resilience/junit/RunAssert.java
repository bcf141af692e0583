package pretix.resilience.junit;

import java.time.Duration;
import org.assertj.core.api.AbstractAssert;
import pretix.resilience.result.RunResult;
import pretix.resilience.slo.Slo;
import pretix.resilience.slo.SloResult;

/**
 * Assertions on a resilience run, each an objective of {@link Slo} judged as scenario files
 * judge them; a failure message carries the target and what was measured.
 */
public final class RunAssert extends AbstractAssert<RunAssert, RunResult> {

    private RunAssert(RunResult actual) {
        super(actual, RunAssert.class);
    }

    public static RunAssert assertThatRun(RunResult result) {
        return new RunAssert(result);
    }

    public RunAssert meets(Slo objective) {
        SloResult result = objective.judge(actual);
        if (!result.met()) {
            failWithMessage("expected %s %s, but measured %s in run %s", result.id(), result.target(), result.measured(),
                    actual.name());
        }
        return this;
    }

    public RunAssert recoveredWithin(Duration bound) {
        return meets(new Slo.RecoveryTime(bound));
    }

    public RunAssert failedOrdersAtMost(double fraction) {
        return meets(new Slo.FailedOrders(fraction));
    }

    public RunAssert lostNoAcknowledgedOrders() {
        return meets(new Slo.LostOrders(0));
    }

    public RunAssert lostNoAcknowledgedWrites() {
        return meets(new Slo.LostWrites(0));
    }

    public RunAssert neverHadTwoWriters() {
        return meets(new Slo.SplitBrain(Duration.ZERO));
    }

    public RunAssert redundancyRestoredWithin(Duration bound) {
        return meets(new Slo.RedundancyRestored(bound));
    }

    /** The stack's peak memory at most {@code fraction} of the Docker host's. */
    public RunAssert usedAtMostOfHostMemory(double fraction) {
        return meets(new Slo.MemoryPeak(fraction));
    }
}
