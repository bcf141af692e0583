package pretix.resilience.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ResourceEffectTest {

    @Test
    void aStarvedNodeKeepsAShareOfOneCoreAboveNothing() {
        assertThat(new ResourceEffect.CpuStarvation(0.05).describe()).isEqualTo("starve (5 % of a core)");
        assertThatThrownBy(() -> new ResourceEffect.CpuStarvation(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ResourceEffect.CpuStarvation(1.5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theMemoryLimitLeavesLessRoomThanTheWriteThatFollowsIt() {
        long used = 100L << 20;
        long limit = ResourceEffect.OutOfMemory.limit(used);

        assertThat(limit - used).isEqualTo(16L << 20);
        assertThat(ResourceEffect.OutOfMemory.WRITE_BYTES).isGreaterThan(limit - used);
    }
}
