package pretix.resilience.cli;

import java.util.List;
import pretix.resilience.engine.docker.DockerEngine;
import pretix.resilience.stack.DeployedStack;

/** The stack `chaos up` or `chaos run --keep` left running, which the commands for manual work act on. */
final class KeptStack {

    private KeptStack() {}

    static DeployedStack find() {
        List<DeployedStack> kept = DockerEngine.local().stacks().stream().filter(DeployedStack::kept).toList();
        if (kept.isEmpty()) {
            throw new IllegalArgumentException("no stack is kept running: start one with `./chaos up`"
                    + " or `./chaos run --keep FILE`");
        }
        return kept.get(0);
    }
}
