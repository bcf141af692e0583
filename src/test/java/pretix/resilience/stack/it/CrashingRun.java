package pretix.resilience.stack.it;

import pretix.resilience.engine.docker.DockerEngine;
import pretix.resilience.stack.Profile;
import pretix.resilience.stack.Topology;

/** Starts a stack to be kept, as `chaos up` does, and is killed by {@link StackLifecycleIT} before it is ready. */
public final class CrashingRun {

    public static void main(String[] args) {
        DockerEngine.local().launch(Topology.defaults(Profile.SEED), true, System.out::println);
    }
}
