package pretix.resilience.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import pretix.resilience.engine.docker.swarm.SwarmEngine;
import pretix.resilience.engine.docker.Docker;
import pretix.resilience.engine.Engine;
import pretix.resilience.engine.Swept;

@Command(name = "down", description = "Remove every container, network and volume of the harness but those of harness"
        + " processes still running (a test run, a chaos run), which remove their own when they end.")
final class DownCommand implements Callable<Integer> {

    @Option(names = "--all", description = "Remove the stacks of running harness processes too; those runs then fail.")
    boolean all;

    @Override
    public Integer call() {
        if (!Docker.isReachable()) {
            System.err.println("no Docker daemon answers at " + Docker.host() + ": nothing to remove");
            return 1;
        }
        long started = System.nanoTime();
        // Swarm's removal is the Docker engine's plus its services, and leaving a swarm the harness made.
        Engine engine = SwarmEngine.local();
        Map<String, Long> inUse = all ? Map.of() : engine.stacksInUse();
        Swept swept = engine.removeStacks(all);
        System.out.printf("removed %s in %.1f s%n", swept, (System.nanoTime() - started) / 1e9);
        inUse.forEach((stack, owner) -> System.out.printf("left stack %s: harness process %d still runs it and removes it"
                + " when it ends (--all removes it now)%n", stack, owner));
        return 0;
    }
}
