package pretix.resilience.junit;

import java.time.Duration;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;
import pretix.resilience.run.FaultRecovery;
import pretix.resilience.run.RunResult;

/** Assertions on a resilience run whose failure messages carry the measured values. */
public final class RunAssert extends AbstractAssert<RunAssert, RunResult> {

    private RunAssert(RunResult actual) {
        super(actual, RunAssert.class);
    }

    public static RunAssert assertThatRun(RunResult result) {
        return new RunAssert(result);
    }

    /** The figures of a run in a few lines, for failure messages and the test log. */
    public static String summary(RunResult run) {
        return String.format("run %s (%s): orders %s; faults:%n%s%n  order latency %s%n  integrity %s%n"
                        + "  redis writes %s, postgres writes %s%n  single writer %s%n  redundancy %s",
                run.name(), run.profile(), run.orderOutcomes(),
                run.faults().stream().map(fault -> "  " + fault).collect(Collectors.joining("\n")),
                run.orderLatency(), run.orders(), run.redisWrites(), run.postgresWrites(), run.singleWriter(),
                run.redundancy());
    }

    /** Every fault's recovery time, as DESIGN.md defines it, is within the SLO. */
    public RunAssert recoveredWithin(Duration slo) {
        for (FaultRecovery fault : actual.faults()) {
            if (fault.recoveryMs() == null || fault.recoveryMs() > slo.toMillis()) {
                failWithMessage("expected %s to recover within %d ms, but it %s%n%s", fault.fault(), slo.toMillis(),
                        fault.recoveryMs() == null ? "did not recover before the run ended"
                                : "took " + fault.recoveryMs() + " ms", summary(actual));
            }
        }
        return this;
    }

    /** No fault recovered while it was in effect: the system stayed broken until healed. */
    public RunAssert didNotRecoverWhileFaulted() {
        for (FaultRecovery fault : actual.faults()) {
            if (fault.recoveryMs() != null && fault.healedMs() != null
                    && fault.injectedMs() + fault.recoveryMs() < fault.healedMs()) {
                failWithMessage("expected %s to stay unrecovered until its heal at %d ms, but it recovered after %d ms%n%s",
                        fault.fault(), fault.healedMs(), fault.recoveryMs(), summary(actual));
            }
        }
        return this;
    }

    public RunAssert lostNoAcknowledgedOrders() {
        var orders = actual.orders();
        if (!orders.lost().isEmpty() || orders.lostOnStandbys() > 0) {
            failWithMessage("expected no acknowledged order lost, but %d are missing on the primary %s and %d on"
                    + " standbys %s%n%s", orders.lost().size(), orders.lost(), orders.lostOnStandbys(),
                    orders.missingOnStandbys(), summary(actual));
        }
        return this;
    }

    public RunAssert lostAcknowledgedOrders() {
        if (actual.orders().lost().isEmpty()) {
            failWithMessage("expected acknowledged orders to be lost, but all %d are on the primary%n%s",
                    actual.orders().acknowledged(), summary(actual));
        }
        return this;
    }

    /** Every order in the database was acknowledged or caused by an unknown one, and no quota is oversold. */
    public RunAssert hasNoPhantomOrdersAndNoOversoldQuota() {
        if (!actual.orders().unexplained().isEmpty() || !actual.orders().oversold().isEmpty()) {
            failWithMessage("expected no unexplained orders and no oversold quota, but found %s and %s%n%s",
                    actual.orders().unexplained(), actual.orders().oversold(), summary(actual));
        }
        return this;
    }

    public RunAssert lostNoAcknowledgedWrites() {
        if (!actual.redisWrites().lost().isEmpty() || !actual.postgresWrites().lost().isEmpty()) {
            failWithMessage("expected no acknowledged write lost, but Redis lost %d of %d and PostgreSQL %d of %d%n%s",
                    actual.redisWrites().lost().size(), actual.redisWrites().acknowledged(),
                    actual.postgresWrites().lost().size(), actual.postgresWrites().acknowledged(), summary(actual));
        }
        return this;
    }

    public RunAssert neverHadTwoWriters() {
        if (!actual.singleWriter().splitBrains().isEmpty()) {
            failWithMessage("expected one writer at every sample, but saw split brains %s (longest %d ms)%n%s",
                    actual.singleWriter().splitBrains(), actual.singleWriter().longestSplitBrainMs(), summary(actual));
        }
        return this;
    }

    public RunAssert redundancyRestoredWithin(Duration bound) {
        Long restored = actual.redundancy().restoredAfterHealMs();
        if (restored == null || restored > bound.toMillis()) {
            failWithMessage("expected every tier complete again within %d ms of the heal, but %s; lowest %s%n%s",
                    bound.toMillis(), restored == null ? "it never was" : "it took " + restored + " ms",
                    actual.redundancy().lowest(), summary(actual));
        }
        return this;
    }

    /** At most this fraction of the orders invoked from the first injection on failed or ended unknown. */
    public RunAssert failedOrdersAtMost(double fraction) {
        if (actual.failedOrderFractionUnderFault() > fraction) {
            failWithMessage("expected at most %.1f %% failed or unknown orders under the fault, but %.1f %% did%n%s",
                    fraction * 100, actual.failedOrderFractionUnderFault() * 100, summary(actual));
        }
        return this;
    }
}
