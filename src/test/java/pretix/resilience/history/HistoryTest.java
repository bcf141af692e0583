package pretix.resilience.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryTest {

    @TempDir
    Path directory;

    @Test
    void aWrittenHistoryReadsBackEntryForEntry() throws IOException {
        History history = new History(new RunClock());
        long invoked = history.clock().now();
        history.complete("buyer-1", "order", "key-1", "ABCDE", invoked, invoked + 1_000, Outcome.OK, null, "nginx0");
        history.complete("buyer-2", "order", "key-2", null, invoked, invoked, Outcome.UNKNOWN, "HttpTimeoutException",
                "nginx1");
        history.shed("buyer-3", "order", "key-3", invoked, "shed: 1 orders in flight");
        int fault = history.injected("kill", "redis.master", "redis0", history.clock().now());
        history.healed(fault, history.clock().now());
        history.sample(new RoleSample(5, List.of("pg0"), List.of("redis1"), List.of("redis1"), Map.of("postgres", 3), 4L));
        history.memory(new MemorySample(6, Map.of("redis", Map.of("redis0", 12_345_678L))));
        Path file = directory.resolve("history.jsonl");

        history.writeJsonl(file);
        History read = History.readJsonl(file);

        assertThat(Files.readAllLines(file)).hasSize(6).allSatisfy(line -> assertThat(line).contains("\"kind\""));
        assertThat(read.operations()).containsExactlyElementsOf(history.operations());
        assertThat(read.faults()).containsExactlyElementsOf(history.faults());
        assertThat(read.faults().get(0).healedNanos()).isNotNull();
        assertThat(read.samples()).containsExactlyElementsOf(history.samples());
        assertThat(read.memorySamples()).containsExactlyElementsOf(history.memorySamples());
    }

    @Test
    void anUnknownEntryKindNamesTheFileAndTheLine() throws IOException {
        Path file = directory.resolve("broken.jsonl");
        Files.writeString(file, "{\"kind\":\"rumour\"}\n");

        assertThatThrownBy(() -> History.readJsonl(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("broken.jsonl").hasMessageContaining("unknown entry kind 'rumour'");
    }
}
