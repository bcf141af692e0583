package pretix.resilience.stack.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import pretix.resilience.doctor.CheckResult;
import pretix.resilience.doctor.Doctor;
import pretix.resilience.engine.Engine;
import pretix.resilience.engine.docker.DockerEngine;

/** This machine as the integration tests need it: checked by the doctor first, as `chaos up` does. */
final class Machine {

    private Machine() {}

    static Engine engine() {
        List<CheckResult> checks = new Doctor(System.out::println).run(false);
        assertThat(Doctor.allPassed(checks))
                .as("this machine cannot run stacks; `./chaos doctor --fix` repairs it:%n%s", Doctor.checklist(checks))
                .isTrue();
        return DockerEngine.local();
    }
}
