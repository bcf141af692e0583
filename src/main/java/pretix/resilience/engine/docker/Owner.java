package pretix.resilience.engine.docker;

import java.util.Optional;

/**
 * The process that created a Docker resource, written into its labels as
 * {@code <pid>:<start time in ms>}. The start time tells a live owner from a new process
 * that happens to have the same pid.
 */
public record Owner(long pid, long startMillis) {

    public static Owner current() {
        ProcessHandle self = ProcessHandle.current();
        return new Owner(self.pid(), startMillis(self).orElse(0L));
    }

    public static Optional<Owner> parse(String label) {
        if (label == null) {
            return Optional.empty();
        }
        String[] parts = label.split(":");
        try {
            return Optional.of(new Owner(Long.parseLong(parts[0]), Long.parseLong(parts[1])));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    public boolean isAlive() {
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .flatMap(Owner::startMillis)
                .map(start -> start == startMillis)
                .orElse(false);
    }

    @Override
    public String toString() {
        return pid + ":" + startMillis;
    }

    private static Optional<Long> startMillis(ProcessHandle process) {
        return process.info().startInstant().map(instant -> instant.toEpochMilli());
    }
}
