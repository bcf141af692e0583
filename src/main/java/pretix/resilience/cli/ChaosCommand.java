package pretix.resilience.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code chaos} command line: one subcommand per step of a resilience run. */
@Command(name = "chaos", mixinStandardHelpOptions = true, versionProvider = HarnessVersion.class,
        description = "Chaos and failover verification harness for a redundant pretix deployment.",
        subcommands = {DoctorCommand.class, UpCommand.class, StatusCommand.class, DownCommand.class})
public final class ChaosCommand {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new ChaosCommand()).setExecutionExceptionHandler((error, commandLine, parsed) -> {
            commandLine.getErr().println("chaos " + commandLine.getCommandName() + ": " + error.getMessage());
            // Bad input (an invalid topology, say) is a usage error; anything else a failed run.
            return error instanceof IllegalArgumentException ? 2 : 1;
        });
    }
}
