package pretix.resilience.stack.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import pretix.resilience.docker.Docker;
import pretix.resilience.doctor.CheckResult;
import pretix.resilience.doctor.Doctor;
import pretix.resilience.stack.image.ProjectHome;
import pretix.resilience.stack.launch.StackLauncher;

/** This machine as the integration tests need it: checked by the doctor first, as `chaos up` does. */
final class Machine {

    private Machine() {}

    static StackLauncher launcher() {
        List<CheckResult> checks = new Doctor(System.out::println).run(false);
        assertThat(Doctor.allPassed(checks))
                .as("this machine cannot run stacks; `./chaos doctor --fix` repairs it:%n%s", Doctor.checklist(checks))
                .isTrue();
        return new StackLauncher(Docker.client(), ProjectHome.imagesDirectory(), System.out::println);
    }
}
