package pretix.resilience.stack.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import pretix.resilience.ProjectHome;

/** The figures of one benchmark, written to {@code reports/benchmarks/<name>.json} for the README and the closing notes. */
final class BenchmarkReport {

    private BenchmarkReport() {}

    static double median(List<Double> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }

    static void write(String name, Map<String, Object> figures) throws IOException {
        Path report = ProjectHome.directory().resolve("reports/benchmarks/" + name + ".json");
        Files.createDirectories(report.getParent());
        Files.writeString(report, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(figures));
        System.out.println(name + " benchmark: " + figures + " (written to " + report + ")");
    }
}
