package pretix.resilience.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import pretix.resilience.run.RunFiles;

/**
 * Several nights of runs, made from one recorded run whose figures each night changes: the
 * matrix, the trends and the comparisons read nothing but {@code summary.json}.
 */
final class RecordedNights {

    private final Path root;
    private final Summary recorded;

    RecordedNights(Path root) throws IOException {
        this.root = root;
        this.recorded = RunFiles.JSON.readValue(RecordedRun.SOURCE.resolve("summary.json").toFile(), Summary.class);
    }

    /** The recorded run, as the hardened Redis master frozen, on a given night, with its recovery spread. */
    Path hardened(String night, double recoveryMin, double recoveryMedian, double recoveryMax) throws IOException {
        return night(night, recorded.scenario(), recoveryMin, recoveryMedian, recoveryMax);
    }

    /** The same fault on the seed profile, whose Sentinel fails over after 30 s. */
    Path seed(String night, double recoveryMedian) throws IOException {
        Summary.ScenarioInfo hardened = recorded.scenario();
        Summary.ScenarioInfo seed = new Summary.ScenarioInfo("seed-redis-master-frozen", hardened.description(),
                "scenarios/seed-redis-master-frozen.yaml", "seed", hardened.sloProfile(), hardened.expectedViolations(),
                hardened.mayBeViolated(), hardened.tags(), "redis", "pause redis.master");
        return night(night, seed, recoveryMedian, recoveryMedian, recoveryMedian);
    }

    private Path night(String night, Summary.ScenarioInfo scenario, double min, double median, double max)
            throws IOException {
        String runId = night + "-" + scenario.name();
        Map<String, Spread> figures = new LinkedHashMap<>(recorded.figures());
        figures.put("recovery_ms", new Spread(min, median, max));
        Summary summary = new Summary(recorded.schemaVersion(), runId, scenario, recorded.seed(), recorded.asExpected(),
                recorded.fingerprint(), recorded.repeats(), figures);
        Path directory = Files.createDirectories(root.resolve(runId));
        RunFiles.JSON.writeValue(directory.resolve("summary.json").toFile(), summary);
        return directory;
    }
}
