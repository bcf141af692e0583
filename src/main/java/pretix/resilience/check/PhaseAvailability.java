package pretix.resilience.check;

import java.util.ArrayList;
import java.util.List;
import pretix.resilience.history.FaultEvent;
import pretix.resilience.history.Operation;
import pretix.resilience.history.Outcome;

/**
 * Availability of one phase of a run: acknowledged operations over all operations due in the
 * phase (by their intended start). Phases are cut at every fault's injection and heal: {@code
 * before}, {@code during <fault>}, {@code after <fault>}; or at the phases of the run's load
 * profile. {@code phase} names it, {@code kind} says which it is. {@code shed}
 * counts the failed ones that were never sent; {@code latency} is that of the phase's acknowledged
 * operations (null in results recorded before it was measured).
 */
public record PhaseAvailability(String phase, Kind kind, long fromNanos, long toNanos, int invoked, int ok, int failed,
                                int unknown, int shed, LatencySummary latency) {

    /** Which part of a run a phase is. */
    public enum Kind { STEADY_STATE, BEFORE, DURING, AFTER, NORMAL_LOAD, PEAK_LOAD }

    public PhaseAvailability {
        // Results recorded before phases had a kind carry it in their name alone.
        kind = kind != null ? kind : phase.equals("steady state") ? Kind.STEADY_STATE
                : phase.startsWith("during ") ? Kind.DURING : phase.startsWith("after ") ? Kind.AFTER : Kind.BEFORE;
    }

    /** ok / invoked; 1 for a phase without operations, which nothing contradicts. */
    public double availability() {
        return invoked == 0 ? 1.0 : ok / (double) invoked;
    }

    public static List<PhaseAvailability> of(List<Operation> operations, List<FaultEvent> faults, long endNanos) {
        List<PhaseAvailability> phases = new ArrayList<>();
        long from = 0;
        String name = "before";
        Kind kind = Kind.BEFORE;
        for (FaultEvent fault : faults) {
            phases.add(phase(name, kind, from, fault.injectedNanos(), operations));
            long healed = fault.healedNanos() == null ? endNanos : fault.healedNanos();
            phases.add(phase("during " + fault.describe(), Kind.DURING, fault.injectedNanos(), healed, operations));
            from = healed;
            name = "after " + fault.describe();
            kind = Kind.AFTER;
        }
        phases.add(phase(name, kind, from, endNanos, operations));
        return phases;
    }

    /**
     * The steady state: operations that ended before the first fault was injected ({@code
     * untilNanos}), so that one cut short by the injection counts under the fault, not before it.
     */
    public static PhaseAvailability steadyState(List<Operation> operations, long untilNanos) {
        List<Operation> completed = operations.stream().filter(operation -> operation.completeNanos() < untilNanos)
                .toList();
        return of("steady state", Kind.STEADY_STATE, 0, untilNanos, completed);
    }

    /** The operations due from {@code from} until {@code to}, as a phase of that name and kind. */
    public static PhaseAvailability phase(String name, Kind kind, long from, long to, List<Operation> operations) {
        return of(name, kind, from, to, operations.stream()
                .filter(operation -> operation.invokeNanos() >= from && operation.invokeNanos() < to).toList());
    }

    private static PhaseAvailability of(String name, Kind kind, long from, long to, List<Operation> operations) {
        return new PhaseAvailability(name, kind, from, to, operations.size(), count(operations, Outcome.OK),
                count(operations, Outcome.FAIL), count(operations, Outcome.UNKNOWN),
                (int) operations.stream().filter(Operation::shed).count(), LatencySummary.of(operations));
    }

    private static int count(List<Operation> operations, Outcome outcome) {
        return (int) operations.stream().filter(operation -> operation.outcome() == outcome).count();
    }
}
