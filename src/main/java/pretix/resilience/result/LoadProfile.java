package pretix.resilience.result;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;
import pretix.resilience.check.PhaseAvailability;
import pretix.resilience.history.Operation;

/**
 * The order rate over a run in phases, as a load test's profile states it (Gatling's injection
 * steps, Locust's load shapes): the phases follow one another from the moment the timeline's
 * offsets count from, the steady state before it runs at the first phase's first rate, and the
 * last phase goes on until the run ends; the run lasts at least until every phase with a
 * duration has ended. {@link #NONE} is a run at one constant rate, which has no phases.
 */
public record LoadProfile(List<LoadPhase> phases) {

    public static final LoadProfile NONE = new LoadProfile(List.of());

    public LoadProfile {
        phases = List.copyOf(Objects.requireNonNullElse(phases, List.of()));
    }

    @JsonIgnore
    public boolean isEmpty() {
        return phases.isEmpty();
    }

    /**
     * The rate {@code offsetNanos} after the timeline's start, or {@code constant} without phases;
     * before the start, the first phase's first rate.
     */
    public double perSecondAt(long offsetNanos, double constant) {
        if (phases.isEmpty()) {
            return constant;
        }
        long[] starts = starts();
        for (int i = phases.size() - 1; i >= 0; i--) {
            if (offsetNanos >= starts[i]) {
                LoadPhase phase = phases.get(i);
                boolean over = phase.duration() != null && offsetNanos >= starts[i] + phase.duration().toNanos();
                return over ? phase.toPerSecond() : phase.perSecondAt(offsetNanos - starts[i]);
            }
        }
        return phases.get(0).fromPerSecond();
    }

    /** Where each phase starts, counted from the timeline's start: the phases laid end to end. */
    private long[] starts() {
        long[] starts = new long[phases.size()];
        for (int i = 1; i < starts.length; i++) {
            starts[i] = starts[i - 1] + phases.get(i - 1).duration().toNanos();
        }
        return starts;
    }

    /** The time from the timeline's start until every phase with a duration has ended. */
    public Duration length() {
        return phases.stream().map(LoadPhase::duration).filter(Objects::nonNull).reduce(Duration.ZERO, Duration::plus);
    }

    /**
     * The orders of each phase, the phases laid end to end from {@code startNanos} (the
     * timeline's start), the last until {@code endNanos}; none without phases. Each is named by
     * its level and rates, with its time in the run: "peak 0.5 → 5 orders/s for 30 s (+21-51 s)".
     */
    public List<PhaseAvailability> availability(List<Operation> orders, long startNanos, long endNanos) {
        List<PhaseAvailability> measured = new ArrayList<>();
        long[] starts = starts();
        for (int i = 0; i < phases.size() && startNanos + starts[i] < endNanos; i++) {
            LoadPhase phase = phases.get(i);
            long from = startNanos + starts[i];
            long to = i == phases.size() - 1 ? endNanos : Math.min(endNanos, from + phase.duration().toNanos());
            measured.add(PhaseAvailability.phase(String.format(Locale.ROOT, "%s (+%.0f-%.0f s)", phase.describe(),
                    from / 1e9, to / 1e9), phase.level().phaseKind(), from, to, orders));
        }
        return measured;
    }

    /** "normal 0.5 orders/s for 20 s, peak 0.5 → 5 orders/s for 30 s, normal 0.5 orders/s". */
    public String describe() {
        return phases.stream().map(LoadPhase::describe).collect(Collectors.joining(", "));
    }
}
