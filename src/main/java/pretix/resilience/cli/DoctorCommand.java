package pretix.resilience.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import pretix.resilience.doctor.CheckResult;
import pretix.resilience.doctor.Doctor;

@Command(name = "doctor", description = "Check that this machine can run stacks; --fix repairs what it can.")
final class DoctorCommand implements Callable<Integer> {

    @Option(names = "--fix", description = "Install and start Docker, pull or build the base image (root on Debian).")
    boolean fix;

    @Option(names = "--tests", description = "Also what the test suite needs: Chromium, for the HTML report test.")
    boolean tests;

    @Override
    public Integer call() {
        List<CheckResult> results = new Doctor(System.out::println, tests).run(fix);
        System.out.print(Doctor.checklist(results));
        return Doctor.allPassed(results) ? 0 : 1;
    }
}
