package pretix.resilience.doctor;

import java.util.function.Consumer;

/** Debian's Chromium, which the test suite opens the HTML report in; with fix, installed. Runs need none. */
final class ChromiumCheck implements Check {

    static final String PROGRAM = "chromium";

    private final Consumer<String> progress;

    ChromiumCheck(Consumer<String> progress) {
        this.progress = progress;
    }

    @Override
    public String name() {
        return "Chromium (report test)";
    }

    @Override
    public CheckResult run(boolean fix) {
        if (Commands.onPath(PROGRAM)) {
            return CheckResult.ok(name(), "found " + PROGRAM);
        }
        String remedy = "run `./chaos doctor --fix --tests` as root on Debian, or `apt-get install chromium`";
        if (!fix) {
            return CheckResult.failed(name(), PROGRAM + " is not on the PATH", remedy);
        }
        if (!Commands.isRoot()) {
            return CheckResult.failed(name(), PROGRAM + " is missing, and installing it needs root", remedy);
        }
        progress.accept("installing Debian's chromium for the report test (1-2 min)...");
        Commands.Result install = Commands.aptInstall(PROGRAM);
        return install.succeeded() ? CheckResult.fixed(name(), "installed " + PROGRAM)
                : CheckResult.failed(name(), "apt-get install chromium failed:\n    " + install.tail(), remedy);
    }
}
