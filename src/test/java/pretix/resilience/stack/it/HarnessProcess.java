package pretix.resilience.stack.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import pretix.resilience.ProjectHome;
import pretix.resilience.engine.docker.Docker;
import pretix.resilience.engine.docker.Labels;

/** A harness run as a user runs it, in a process of its own, with its output in a file. */
final class HarnessProcess {

    /** Generous: a cold machine may have to build images first. Not a timing goal. */
    static final Duration COMMAND_BOUND = Duration.ofMinutes(10);

    record Run(int exitCode, String output) {}

    private final Process process;
    private final Path output;

    private HarnessProcess(ProcessBuilder builder) throws IOException {
        this.output = Files.createTempFile("harness", ".out");
        this.process = builder.redirectErrorStream(true).redirectOutput(output.toFile()).start();
    }

    /** {@code ./chaos ARGS}; the launcher execs java, so this process owns what it creates. */
    static HarnessProcess start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(ProjectHome.directory().resolve("chaos").toAbsolutePath().toString()));
        command.addAll(List.of(args));
        return new HarnessProcess(new ProcessBuilder(command));
    }

    /** A harness that starts a stack to keep and is to be killed before it is ready ({@link CrashingRun}). */
    static HarnessProcess crashing() throws IOException {
        return new HarnessProcess(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dchaos.home=" + ProjectHome.directory().toAbsolutePath(), CrashingRun.class.getName()));
    }

    /** {@code ./chaos ARGS} to its end. */
    static Run chaos(String... args) throws IOException, InterruptedException {
        return start(args).awaitExit();
    }

    Run awaitExit() throws IOException, InterruptedException {
        if (!process.waitFor(COMMAND_BOUND.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        int exitCode = process.waitFor();
        String printed = output();
        Files.deleteIfExists(output);
        return new Run(exitCode, printed);
    }

    /** What it printed so far. */
    String output() {
        try {
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /**
     * By the process id in the owner label: the start instant this process reads of its child
     * once differed from the one the child read of itself (a CI run waited 10 minutes for
     * containers it never counted).
     */
    long containers() {
        String pidPrefix = process.pid() + ":";
        return Docker.client().listContainersCmd().withShowAll(true)
                .withLabelFilter(List.of(Labels.OWNER)).exec().stream()
                .filter(container -> container.getLabels().get(Labels.OWNER).startsWith(pidPrefix)).count();
    }

    void sigterm() {
        process.destroy();
    }

    /** SIGKILL: the process cannot clean up after itself. */
    void sigkill() throws InterruptedException, IOException {
        process.destroyForcibly().waitFor();
        Files.deleteIfExists(output);
    }
}
