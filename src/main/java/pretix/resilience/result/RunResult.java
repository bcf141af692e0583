package pretix.resilience.result;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import pretix.resilience.check.FailedOperations;
import pretix.resilience.check.FaultRecovery;
import pretix.resilience.check.LatencySummary;
import pretix.resilience.check.LostWrites;
import pretix.resilience.check.MemoryUse;
import pretix.resilience.check.OfferedLoad;
import pretix.resilience.check.OrderIntegrity;
import pretix.resilience.check.PhaseAvailability;
import pretix.resilience.check.Redundancy;
import pretix.resilience.check.SingleWriter;
import pretix.resilience.check.WrongNodeWrites;

/**
 * Everything a resilience run measured, as the checkers computed it from its history and final
 * state; {@code loadSeconds} is how long the buyers ran, {@code seconds} the whole run;
 * {@code memory} is {@link MemoryUse#NONE} in results recorded before the harness sampled memory;
 * {@code failures} groups the operations that did not succeed; {@code leftBehind} is what kept the
 * stack from being as good as a fresh one when the run ended (both empty in older results);
 * {@code aborted} says when a stop request ended the run early (null for a run that ran its course);
 * {@code loadPhases} the orders per phase of the load profile (empty without one, and in older
 * results); {@code orderLoad} is what the order workload offered (null in results recorded before arrivals
 * were open loop).
 */
public record RunResult(String name, String profile, long seed, RunPlan plan, Instant startedAt, double seconds,
                        double loadSeconds, List<FaultRecovery> faults, Map<String, Long> orderOutcomes,
                        List<PhaseAvailability> orderPhases, List<PhaseAvailability> loadPhases,
                        PhaseAvailability steadyState,
                        LatencySummary orderLatency, OrderIntegrity orders, LostWrites redisWrites,
                        LostWrites postgresWrites, WrongNodeWrites wrongNodeWrites, SingleWriter singleWriter,
                        Redundancy redundancy, MemoryUse memory, List<FailedOperations> failures,
                        List<String> leftBehind, Aborted aborted, OfferedLoad orderLoad) {

    public RunResult {
        memory = memory == null ? MemoryUse.NONE : memory;
        failures = failures == null ? List.of() : failures;
        loadPhases = loadPhases == null ? List.of() : loadPhases;
        leftBehind = leftBehind == null ? List.of() : leftBehind;
    }

    /** The fault that took longest to recover from, a fault that never recovered first; empty without faults. */
    public Optional<FaultRecovery> slowestRecovery() {
        return faults.stream().max(Comparator.comparing(FaultRecovery::recoveryMs,
                Comparator.nullsLast(Comparator.<Long>naturalOrder())));
    }

    /** Failed plus unknown orders over all orders invoked from the first injection on. */
    public double failedOrderFractionUnderFault() {
        int orders = faults.stream().mapToInt(FaultRecovery::orders).sum();
        int failed = faults.stream().mapToInt(fault -> fault.failedOrders() + fault.unknownOrders()).sum();
        return orders == 0 ? 0 : failed / (double) orders;
    }
}
