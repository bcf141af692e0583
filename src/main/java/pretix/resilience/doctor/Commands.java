package pretix.resilience.doctor;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the host commands the doctor needs (apt-get, debootstrap) and reports their output on failure. */
final class Commands {

    record Result(int exitCode, String output) {
        boolean succeeded() {
            return exitCode == 0;
        }

        String tail() {
            String[] lines = output.strip().split("\n");
            return String.join("\n    ", List.of(lines).subList(Math.max(0, lines.length - 15), lines.length));
        }
    }

    private Commands() {}

    static Result run(Duration timeout, List<String> command) {
        try {
            Path log = Files.createTempFile("chaos-doctor", ".log");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
                builder.environment().putAll(Map.of("DEBIAN_FRONTEND", "noninteractive"));
                Process process = builder.start();
                if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    return new Result(-1, String.join(" ", command) + " did not finish within " + timeout.toSeconds() + " s");
                }
                return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            return new Result(-1, "cannot run " + command.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }

    static boolean onPath(String program) {
        return run(Duration.ofSeconds(5), List.of("sh", "-c", "command -v " + program)).succeeded();
    }

    static boolean isRoot() {
        return run(Duration.ofSeconds(5), List.of("id", "-u")).output().strip().equals("0");
    }

    /** Installs Debian packages; the caller has checked that this is a root shell on Debian. */
    static Result aptInstall(String... packages) {
        Result update = run(Duration.ofMinutes(5), List.of("apt-get", "update", "-q"));
        if (!update.succeeded()) {
            return update;
        }
        List<String> install = new ArrayList<>(List.of("apt-get", "install", "-y", "-q"));
        install.addAll(List.of(packages));
        return run(Duration.ofMinutes(10), install);
    }
}
