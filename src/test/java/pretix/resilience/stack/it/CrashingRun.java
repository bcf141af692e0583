package pretix.resilience.stack.it;

import pretix.resilience.docker.Docker;
import pretix.resilience.stack.Profile;
import pretix.resilience.stack.Topology;
import pretix.resilience.stack.image.ProjectHome;
import pretix.resilience.stack.launch.StackLauncher;

/** Starts a stack to be kept, as `chaos up` does, and is killed by {@link StackLifecycleIT} before it is ready. */
public final class CrashingRun {

    public static void main(String[] args) {
        new StackLauncher(Docker.client(), ProjectHome.imagesDirectory(), System.out::println)
                .launch(Topology.defaults(Profile.SEED), true);
    }
}
