package pretix.resilience.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import pretix.resilience.docker.Docker;
import pretix.resilience.docker.ResourceSweeper;

@Command(name = "down", description = "Remove every container, network and volume of the harness.")
final class DownCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        if (!Docker.isReachable()) {
            System.err.println("no Docker daemon answers at " + Docker.host() + ": nothing to remove");
            return 1;
        }
        long started = System.nanoTime();
        ResourceSweeper.Swept swept = new ResourceSweeper(Docker.client()).removeAll();
        System.out.printf("removed %d containers, %d networks, %d volumes in %.1f s%n",
                swept.containers(), swept.networks(), swept.volumes(), (System.nanoTime() - started) / 1e9);
        return 0;
    }
}
