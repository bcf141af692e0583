package pretix.resilience.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import pretix.resilience.history.MemorySample;

class MemoryUseTest {

    @Test
    void peaksAreTakenPerSampleForTheStackAndPerTierAndNodeOverAllSamples() {
        MemoryUse memory = MemoryUse.of(List.of(
                new MemorySample(1, Map.of("postgres", Map.of("pg0", 100L, "pg1", 50L), "redis", Map.of("redis0", 30L))),
                new MemorySample(2, Map.of("postgres", Map.of("pg0", 40L, "pg1", 90L), "redis", Map.of("redis0", 35L))),
                // pg0 killed: missing from the sample, its earlier peak stands
                new MemorySample(3, Map.of("postgres", Map.of("pg1", 60L), "redis", Map.of("redis0", 80L)))), 1000);

        assertThat(memory.stackPeakBytes()).isEqualTo(180);
        assertThat(memory.tierPeakBytes()).containsEntry("postgres", 150L).containsEntry("redis", 80L);
        assertThat(memory.nodePeakBytes()).containsEntry("pg0", 100L).containsEntry("pg1", 90L);
        assertThat(memory.largestNode()).hasValueSatisfying(node -> assertThat(node.getKey()).isEqualTo("pg0"));
        assertThat(memory.stackPeakFractionOfHost()).isEqualTo(0.18);
        assertThat(memory.samples()).isEqualTo(3);
    }

    @Test
    void withoutSamplesNothingWasUsedAndNoNodeIsLargest() {
        MemoryUse memory = MemoryUse.of(List.of(), 1000);

        assertThat(memory.stackPeakBytes()).isZero();
        assertThat(memory.largestNode()).isEmpty();
    }
}
