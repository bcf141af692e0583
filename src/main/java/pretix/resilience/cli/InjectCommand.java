package pretix.resilience.cli;

import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import pretix.resilience.engine.Engine;
import pretix.resilience.fault.Fault;
import pretix.resilience.fault.Nemesis;
import pretix.resilience.history.History;
import pretix.resilience.history.RunClock;
import pretix.resilience.roles.RoleObserver;
import pretix.resilience.scenario.ScenarioException;
import pretix.resilience.scenario.FaultReader;
import pretix.resilience.stack.DeployedStack;
import pretix.resilience.stack.Profile;
import pretix.resilience.stack.Topology;

@Command(name = "inject", description = "Apply one fault to the kept stack and leave it in effect until"
        + " `chaos heal`. The keys are a scenario timeline entry's: fault=kill target=redis.master,"
        + " fault=latency link=shop-pgpool latency=2s.")
final class InjectCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "KEY=VALUE", description = "fault=…, and target=… or link=… with"
            + " the fault's parameters")
    List<String> fault;

    @Spec
    CommandSpec spec;

    /** The fault, or null with every error printed. */
    private Fault parse(Topology topology) {
        try {
            return FaultReader.fromArguments(fault, topology);
        } catch (ScenarioException e) {
            e.errors().forEach(error -> spec.commandLine().getErr().println(error.message()));
            return null;
        }
    }

    @Override
    public Integer call() throws Exception {
        // The keys are checked before a stack is looked for, against the largest topology, so that a
        // mistake is named whether a stack runs or not; the kept stack's own topology checks the rest.
        if (parse(Topology.largest(Profile.HARDENED)) == null) {
            return 2;
        }
        DeployedStack stack = KeptStack.find();
        Fault parsed = parse(stack.topology());
        if (parsed == null) {
            return 2;
        }
        // Not closed on purpose: closing the nemesis heals what it injected, and this fault must stay.
        Engine engine = EngineKind.ofStack(stack.id());
        Nemesis nemesis = new Nemesis(engine, stack.topology(), () -> engine.stack(stack.id()), new RoleObserver(engine),
                new History(new RunClock()), new Random());
        Nemesis.ActiveFault injected = nemesis.inject(parsed);
        System.out.printf("stack %s: %s -> %s; `./chaos heal` undoes it%n", stack.id(), parsed.describe(),
                injected.hit());
        return 0;
    }
}
