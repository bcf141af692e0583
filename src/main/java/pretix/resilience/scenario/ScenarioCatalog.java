package pretix.resilience.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import pretix.resilience.stack.Profile;

/** Scenario files read together: every error of every file at once, and names unique across them. */
public final class ScenarioCatalog {

    public static final Path DIRECTORY = Path.of("scenarios");

    private ScenarioCatalog() {}

    /** Every {@code *.yaml} file of the directory, in name order. */
    public static List<Path> files(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".yaml")).sorted().toList();
        }
    }

    /** Grouped by topology, then by name: in this order one stack serves every scenario of its topology in turn. */
    public static List<Scenario> inStackOrder(List<Scenario> scenarios) {
        return scenarios.stream().sorted(Comparator.comparing((Scenario scenario) -> scenario.topology().toString())
                .thenComparing(Scenario::name)).toList();
    }

    public static List<Scenario> read(List<Path> files) throws ScenarioException {
        return read(files, null);
    }

    /** Reads every file as if it named {@code profileOverride} (when not null) as its profile. */
    public static List<Scenario> read(List<Path> files, Profile profileOverride) throws ScenarioException {
        List<Scenario> scenarios = new ArrayList<>();
        List<ScenarioError> errors = new ArrayList<>();
        Map<String, String> fileByName = new HashMap<>();
        Set<Path> seen = new HashSet<>();
        for (Path file : files) {
            if (!seen.add(file.toAbsolutePath().normalize())) {
                errors.add(new ScenarioError(file.toString(), 1, 1, "is given twice: each file runs once"));
                continue;
            }
            try {
                Scenario scenario = ScenarioReader.read(file, profileOverride);
                String earlier = fileByName.putIfAbsent(scenario.name(), scenario.file());
                if (earlier != null) {
                    errors.add(new ScenarioError(scenario.file(), 1, 1, "name '" + scenario.name()
                            + "' is already used by " + earlier + ": reports are filed by name, so each must be unique"));
                }
                scenarios.add(scenario);
            } catch (ScenarioException e) {
                errors.addAll(e.errors());
            }
        }
        if (!errors.isEmpty()) {
            throw new ScenarioException(errors);
        }
        return scenarios;
    }
}
