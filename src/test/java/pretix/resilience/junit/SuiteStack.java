package pretix.resilience.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;
import pretix.resilience.docker.Docker;
import pretix.resilience.doctor.CheckResult;
import pretix.resilience.doctor.Doctor;
import pretix.resilience.stack.Topology;
import pretix.resilience.stack.image.ProjectHome;
import pretix.resilience.stack.launch.RunningStack;
import pretix.resilience.stack.launch.StackLauncher;

/** A suite's stack: started with the class, replaced when a test left it incomplete, removed after the class. */
final class SuiteStack implements ExtensionContext.Store.CloseableResource, AutoCloseable {

    private final Topology topology;
    private final StackLauncher launcher;
    private RunningStack stack;

    SuiteStack(Topology topology) {
        this.topology = topology;
        List<CheckResult> checks = new Doctor(System.out::println).run(false);
        assertThat(Doctor.allPassed(checks))
                .as("this machine cannot run stacks; `./chaos doctor --fix` repairs it:%n%s", Doctor.checklist(checks))
                .isTrue();
        this.launcher = new StackLauncher(Docker.client(), ProjectHome.imagesDirectory(), System.out::println);
        this.stack = launcher.launch(topology, false);
    }

    synchronized RunningStack current() {
        return stack;
    }

    synchronized RunningStack replace() {
        stack.close();
        stack = launcher.launch(topology, false);
        return stack;
    }

    @Override
    public synchronized void close() {
        stack.close();
    }
}
