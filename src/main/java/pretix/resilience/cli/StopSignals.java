package pretix.resilience.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import pretix.resilience.run.Interruption;
import sun.misc.Signal;

/**
 * Ctrl-C and SIGTERM during {@code chaos run}. The first asks the run to stop at its next wait
 * (the load first, then heal, save, remove); while a stack is still starting there is nothing to
 * save, and the process exits at once, which removes what was started. The second exits at once.
 * The exit code is the shell's for the signal: 130 for SIGINT, 143 for SIGTERM.
 */
final class StopSignals {

    private static final int SIGNALLED = 128;

    private StopSignals() {}

    static void install(Interruption interruption, BooleanSupplier stackStarting, PrintStream out) {
        AtomicInteger received = new AtomicInteger();
        for (String name : List.of("INT", "TERM")) {
            Signal.handle(new Signal(name), signal -> {
                String signalName = "SIG" + signal.getName();
                int exitCode = SIGNALLED + signal.getNumber();
                if (received.incrementAndGet() > 1) {
                    out.println(signalName + " again: " + (interruption.leaveFaults() ? "leaving" : "removing")
                            + " the stack at once, without saving");
                    System.exit(exitCode);
                } else if (stackStarting.getAsBoolean()) {
                    out.println(signalName + " while the stack starts: removing what was started");
                    System.exit(exitCode);
                } else {
                    out.println(signalName + ": stopping at the next step: the load first, then "
                            + (interruption.leaveFaults() ? "saving the evidence and leaving the faults and the stack"
                            + " as they are" : "healing, saving the evidence and removing the stack")
                            + " (again: at once, without saving)");
                    interruption.request(signalName);
                }
            });
        }
    }

    /** The exit code for a run a signal stopped, as a shell reports a process the signal ended. */
    static int exitCode(String signalName) {
        return SIGNALLED + new Signal(signalName.substring("SIG".length())).getNumber();
    }
}
