package pretix.resilience.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;

/** The {@code chaos} command line: one subcommand per step of a resilience run. */
@Command(name = "chaos", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT, versionProvider = HarnessVersion.class,
        description = "Chaos and failover verification harness for a redundant pretix deployment.",
        subcommands = {DoctorCommand.class, UpCommand.class, StatusCommand.class, ValidateCommand.class,
                InjectCommand.class, HealCommand.class, RunCommand.class, CapacityCommand.class, BenchCommand.class,
                ReportCommand.class, CompareCommand.class, ExportCommand.class,
                DownCommand.class, HelpCommand.class})
public final class ChaosCommand {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The message of an error and of each cause that adds something: a failed start says why deep inside. */
    static String reasons(Throwable error) {
        List<String> reasons = new ArrayList<>();
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            String message = cause.getMessage();
            if (message != null && reasons.stream().noneMatch(message::contains)) {
                reasons.add(message);
            }
        }
        return String.join("\n  because: ", reasons);
    }

    static CommandLine commandLine() {
        CommandLine chaos = new CommandLine(new ChaosCommand());
        UpCommand.addReplicaOptions(chaos.getSubcommands().get("up").getCommandSpec());
        return chaos.setExecutionExceptionHandler((error, commandLine, parsed) -> {
            commandLine.getErr().println("chaos " + commandLine.getCommandName() + ": " + reasons(error));
            // Bad input (an invalid topology, say) is a usage error; anything else a failed run.
            return error instanceof IllegalArgumentException ? 2 : 1;
        });
    }
}
