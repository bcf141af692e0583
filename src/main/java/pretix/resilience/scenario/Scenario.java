package pretix.resilience.scenario;

import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import pretix.resilience.fault.Fault;
import pretix.resilience.result.RunPlan;
import pretix.resilience.slo.Expectation;
import pretix.resilience.slo.Slo;
import pretix.resilience.slo.SloProfile;
import pretix.resilience.stack.Topology;

/**
 * A resilience case as a file states it: the stack, the load, the faults (a timeline, or
 * {@code randomFaults} to draw one from, else null) and the objectives, with the objectives the
 * case expects to be violated, on the Docker engine and on Swarm (the same unless the file says
 * otherwise). Built only by {@link ScenarioReader}, so every instance has been validated completely.
 */
public record Scenario(String file, String name, String description, Topology topology, RunPlan plan,
                       List<Step> timeline, RandomFaults randomFaults, SloProfile sloProfile, List<Slo> objectives,
                       Expectation expectation, Expectation expectationOnSwarm, Set<String> tags) {

    /** The scenario as a run on Swarm judges it: with the expectation the file gives for Swarm. */
    public Scenario onSwarm() {
        return new Scenario(file, name, description, topology, plan, timeline, randomFaults, sloProfile, objectives,
                expectationOnSwarm, expectationOnSwarm, tags);
    }

    /** The timeline a run with this seed plays: the file's, or the one the seed draws from its random faults. */
    public List<Step> timelineFor(long seed) {
        return randomFaults == null ? timeline : randomFaults.draw(new Random(seed));
    }

    /** Every fault a run may inject: the timeline's, or those its random faults draw from. */
    public List<Fault> faults() {
        return randomFaults != null ? randomFaults.faults() : timeline.stream().map(Step::fault).toList();
    }

    /** The row of the N+1 matrix the scenario fills: the tier its first fault hits. */
    public String matrixTier() {
        return randomFaults != null ? "random" : timeline.isEmpty() ? "none" : timeline.get(0).fault().tier();
    }

    /**
     * The other half of its row: its faults in words, in timeline order, such as {@code kill
     * redis.master}, and its load when that comes in phases: a fault at a peak is a row of its own.
     */
    public String faultsInWords() {
        String faults = randomFaults != null ? randomFaults.describe()
                : timeline.stream().map(step -> step.fault().describe()).collect(Collectors.joining(", then "));
        return plan.load().isEmpty() ? faults : (faults.isEmpty() ? "no fault" : faults) + ", under " + plan.load().describe();
    }
}
