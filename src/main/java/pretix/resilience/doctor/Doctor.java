package pretix.resilience.doctor;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Checks, in order, everything this machine needs to run stacks, repairing what it may. */
public final class Doctor {

    private final List<Check> checks;

    public Doctor(Consumer<String> progress) {
        this(progress, false);
    }

    /** @param forTests also what the test suite needs beyond running stacks (a browser for the report test) */
    public Doctor(Consumer<String> progress, boolean forTests) {
        List<Check> needed = new ArrayList<>(List.of(new DockerDaemonCheck(progress), new BaseImageCheck(progress),
                new TestcontainersSettingsCheck()));
        if (forTests) {
            needed.add(new ChromiumCheck(progress));
        }
        this.checks = List.copyOf(needed);
    }

    public List<CheckResult> run(boolean fix) {
        List<CheckResult> results = new ArrayList<>();
        for (Check check : checks) {
            results.add(check.run(fix));
        }
        return results;
    }

    /**
     * Repairs what it can before a command that starts stacks; when something is still missing,
     * prints the checklist with each remedy to stderr and returns false.
     */
    public static boolean readyToRun() {
        List<CheckResult> checks = new Doctor(System.out::println).run(true);
        if (!allPassed(checks)) {
            System.err.print(checklist(checks));
        }
        return allPassed(checks);
    }

    public static boolean allPassed(List<CheckResult> results) {
        return results.stream().allMatch(CheckResult::passed);
    }

    /** The checklist: one line per check, and the remedy under each failure. */
    public static String checklist(List<CheckResult> results) {
        StringBuilder text = new StringBuilder();
        for (CheckResult result : results) {
            String mark = switch (result.status()) {
                case OK -> "[ ok  ]";
                case FIXED -> "[fixed]";
                case FAILED -> "[FAIL ]";
            };
            text.append(String.format("%s %-26s %s%n", mark, result.check(), result.detail()));
            if (!result.passed()) {
                text.append(String.format("        %-26s fix: %s%n", "", result.remedy()));
            }
        }
        return text.toString();
    }
}
