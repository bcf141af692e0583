package pretix.resilience.scenario;

import java.util.List;
import java.util.Set;
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
}
