package pretix.resilience.slo;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import pretix.resilience.check.Disruption;
import pretix.resilience.history.OperationKind;
import pretix.resilience.check.FaultRecovery;

/**
 * The worst of one time figure over faults and kinds of operation, for the objectives that judge
 * every kind: the longest, a figure that never settled ({@code ms} null) worst of all.
 */
record Worst(String fault, String operations, Long ms) {

    /** The worst over the faults and kinds, if there are any. */
    record Of(Optional<Worst> worst) {
        /** Met when the worst is within {@code bound}; {@code none} when nothing was measured. */
        SloResult judge(Slo slo, Duration bound, String none, Function<Worst, String> unsettled) {
            if (worst.isEmpty()) {
                return SloResult.of(slo, none, true);
            }
            Worst found = worst.get();
            if (found.ms() == null) {
                return SloResult.of(slo, unsettled.apply(found), false);
            }
            return SloResult.of(slo, found.ms() + " ms (" + found.describe() + ")", found.ms() <= bound.toMillis());
        }
    }

    static Of of(List<FaultRecovery> faults, Set<OperationKind> kinds, Function<Disruption, Long> figure) {
        return new Of(faults.stream()
                .flatMap(fault -> kinds.stream().flatMap(kind -> fault.on(kind).stream())
                        .map(disruption -> new Worst(fault.fault(), disruption.operations(), figure.apply(disruption))))
                .max(Comparator.comparing(Worst::ms, Comparator.nullsLast(Comparator.<Long>naturalOrder()))));
    }

    static String names(Set<OperationKind> kinds) {
        return kinds.stream().sorted().map(OperationKind::id).collect(Collectors.joining(", "));
    }

    String describe() {
        return fault + ", " + operations;
    }
}
