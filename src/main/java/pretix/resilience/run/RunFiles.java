package pretix.resilience.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Path;
import pretix.resilience.result.RunResult;

/**
 * Where a run leaves its evidence: {@code history.jsonl} and {@code result.json}, read back for
 * reports, and {@code logs/}.
 */
public final class RunFiles {

    public static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);

    /** The folder of a run's directory that keeps the logs of the nodes involved, one file per node. */
    public static final String LOGS = "logs";

    private RunFiles() {}

    public static Path history(Path runDirectory) {
        return runDirectory.resolve("history.jsonl");
    }

    public static Path result(Path runDirectory) {
        return runDirectory.resolve("result.json");
    }

    static void writeResult(Path runDirectory, RunResult result) throws IOException {
        JSON.writeValue(result(runDirectory).toFile(), result);
    }

    public static RunResult readResult(Path runDirectory) throws IOException {
        return JSON.readValue(result(runDirectory).toFile(), RunResult.class);
    }
}
