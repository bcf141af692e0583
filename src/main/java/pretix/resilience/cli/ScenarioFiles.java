package pretix.resilience.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import pretix.resilience.scenario.Scenario;
import pretix.resilience.scenario.ScenarioCatalog;
import pretix.resilience.scenario.ScenarioException;
import pretix.resilience.stack.Profile;
import pretix.resilience.ProjectHome;

/** The scenario files a command works on: those named, or with {@code --all} every file in {@code scenarios/}. */
final class ScenarioFiles {

    @Parameters(arity = "0..*", paramLabel = "FILE", description = "scenario files (YAML)")
    List<Path> files = List.of();

    @Option(names = "--all", description = "every file in the project's scenarios/ directory")
    boolean all;

    /** The files read and validated; empty, with every error printed to {@code err}, when any is invalid. */
    Optional<List<Scenario>> read(Profile profileOverride, PrintWriter err) throws IOException {
        try {
            return Optional.of(ScenarioCatalog.read(resolve(), profileOverride));
        } catch (ScenarioException e) {
            print(e, err);
            return Optional.empty();
        }
    }

    static void print(ScenarioException e, PrintWriter err) {
        e.errors().forEach(err::println);
        err.printf("%d error(s): nothing was started%n", e.errors().size());
    }

    private List<Path> resolve() throws IOException {
        if (all == !files.isEmpty()) {
            throw new IllegalArgumentException("name scenario files, or give --all for every file in scenarios/,"
                    + " not both and not neither");
        }
        return all ? ScenarioCatalog.files(ProjectHome.directory().resolve(ScenarioCatalog.DIRECTORY).normalize())
                : files;
    }
}
