package pretix.resilience.cli;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import pretix.resilience.scenario.Scenario;
import pretix.resilience.slo.Slo;

@Command(name = "validate", description = "Check scenario files completely, without starting anything;"
        + " every error with file:line:column.")
final class ValidateCommand implements Callable<Integer> {

    @Mixin
    ScenarioFiles files;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Optional<List<Scenario>> scenarios = files.read(null, spec.commandLine().getErr());
        scenarios.orElse(List.of()).forEach(scenario -> System.out.printf(
                "%s: ok (%s on %s, %s, objectives %s, expected violations %s%s)%n", scenario.file(),
                scenario.name(), scenario.topology().profile().id(), scenario.randomFaults() == null
                        ? scenario.timeline().size() + " fault(s)" : "faults " + scenario.randomFaults().describe(),
                scenario.objectives().stream().map(Slo::id).toList(), scenario.expectation(),
                scenario.expectationOnSwarm().equals(scenario.expectation()) ? ""
                        : ", on Swarm " + scenario.expectationOnSwarm()));
        return scenarios.isPresent() ? 0 : 2;
    }
}
