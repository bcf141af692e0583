package pretix.resilience.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Everything a run recorded: operations, faults, role samples and memory samples. Safe to record into from
 * many threads; written as JSON lines, one entry per line with its {@code kind}.
 */
public final class History {

    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final RunClock clock;
    private final AtomicLong nextIndex = new AtomicLong();
    private final List<Operation> operations = new ArrayList<>();
    private final List<FaultEvent> faults = new ArrayList<>();
    private final List<RoleSample> samples = new ArrayList<>();
    private final List<MemorySample> memory = new ArrayList<>();

    public History(RunClock clock) {
        this.clock = clock;
    }

    public RunClock clock() {
        return clock;
    }

    /**
     * Records an operation that completes now: due at {@code intendedNanos}, sent at {@code
     * sentNanos}.
     */
    public Operation complete(String process, String type, String key, String value, long intendedNanos,
                              long sentNanos, Outcome outcome, String error, String node) {
        return add(process, type, key, value, intendedNanos, clock.now(), outcome, error, node,
                sentNanos - intendedNanos, false);
    }

    /** Records an arrival due at {@code intendedNanos} that was never sent, for {@code reason}. */
    public Operation shed(String process, String type, String key, long intendedNanos, String reason) {
        return add(process, type, key, null, intendedNanos, intendedNanos, Outcome.FAIL, reason, null, 0, true);
    }

    private Operation add(String process, String type, String key, String value, long invokeNanos, long completeNanos,
                          Outcome outcome, String error, String node, long sendLagNanos, boolean shed) {
        Operation operation = new Operation(nextIndex.getAndIncrement(), process, type, key, value, invokeNanos,
                completeNanos, clock.wall(invokeNanos), clock.wall(completeNanos), outcome, error, node, sendLagNanos,
                shed);
        synchronized (operations) {
            operations.add(operation);
        }
        return operation;
    }

    /** Records a fault and returns its index, for {@link #healed}. */
    public int injected(String fault, String target, String node, long injectedNanos) {
        synchronized (faults) {
            faults.add(new FaultEvent(fault, target, node, injectedNanos, clock.wall(injectedNanos), null, null));
            return faults.size() - 1;
        }
    }

    public void healed(int fault, long healedNanos) {
        synchronized (faults) {
            faults.set(fault, faults.get(fault).healed(healedNanos, clock.wall(healedNanos)));
        }
    }

    public void sample(RoleSample sample) {
        synchronized (samples) {
            samples.add(sample);
        }
    }

    public void memory(MemorySample sample) {
        synchronized (memory) {
            memory.add(sample);
        }
    }

    /** Operations by invoke time. */
    public List<Operation> operations() {
        synchronized (operations) {
            return operations.stream().sorted(Comparator.comparingLong(Operation::invokeNanos)).toList();
        }
    }

    public List<Operation> operations(String type) {
        return operations().stream().filter(operation -> operation.type().equals(type)).toList();
    }

    public List<FaultEvent> faults() {
        synchronized (faults) {
            return List.copyOf(faults);
        }
    }

    public List<RoleSample> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    public List<MemorySample> memorySamples() {
        synchronized (memory) {
            return List.copyOf(memory);
        }
    }

    public void writeJsonl(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            for (Operation operation : operations()) {
                line(out, "operation", operation);
            }
            for (FaultEvent fault : faults()) {
                line(out, "fault", fault);
            }
            for (RoleSample sample : samples()) {
                line(out, "sample", sample);
            }
            for (MemorySample sample : memorySamples()) {
                line(out, "memory", sample);
            }
        }
    }

    /** Reads a history written by {@link #writeJsonl}, for checks and reports after the run. */
    public static History readJsonl(Path file) throws IOException {
        History history = new History(new RunClock());
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode entry = JSON.readTree(line);
            String kind = entry.path("kind").asText();
            ((ObjectNode) entry).remove("kind");
            switch (kind) {
                case "operation" -> history.operations.add(JSON.treeToValue(entry, Operation.class));
                case "fault" -> history.faults.add(JSON.treeToValue(entry, FaultEvent.class));
                case "sample" -> history.samples.add(JSON.treeToValue(entry, RoleSample.class));
                case "memory" -> history.memory.add(JSON.treeToValue(entry, MemorySample.class));
                default -> throw new IOException(file + ": unknown entry kind '" + kind + "' in line: " + line);
            }
        }
        return history;
    }

    private static void line(BufferedWriter out, String kind, Object entry) throws IOException {
        ObjectNode node = JSON.valueToTree(entry);
        node.put("kind", kind);
        out.write(JSON.writeValueAsString(node));
        out.newLine();
    }
}
