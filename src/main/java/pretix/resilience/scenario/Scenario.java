package pretix.resilience.scenario;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import pretix.resilience.result.RunPlan;
import pretix.resilience.slo.Expectation;
import pretix.resilience.slo.Slo;
import pretix.resilience.slo.SloProfile;
import pretix.resilience.stack.Topology;

/**
 * A resilience case as a file states it: the stack, the load, the faults and the objectives,
 * with the objectives the case expects to be violated. Built only by {@link ScenarioReader}, so
 * every instance has been validated completely.
 */
public record Scenario(String file, String name, String description, Topology topology, RunPlan plan,
                       List<Step> timeline, SloProfile sloProfile, List<Slo> objectives,
                       Expectation expectation, Set<String> tags) {

    /** The row of the N+1 matrix the scenario fills: the tier its first fault hits. */
    public String matrixTier() {
        return timeline.isEmpty() ? "none" : timeline.get(0).fault().tier();
    }

    /**
     * The other half of its row: its faults in words, in timeline order, such as {@code kill
     * redis.master}, and its load when that comes in phases: a fault at a peak is a row of its own.
     */
    public String faultsInWords() {
        String faults = timeline.stream().map(step -> step.fault().describe()).collect(Collectors.joining(", then "));
        return plan.load().isEmpty() ? faults : (faults.isEmpty() ? "no fault" : faults) + ", under " + plan.load().describe();
    }
}
