package pretix.resilience.check;

import static org.assertj.core.api.Assertions.assertThat;
import static pretix.resilience.check.Ops.ms;
import static pretix.resilience.check.Ops.write;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import pretix.resilience.history.Outcome;
import pretix.resilience.history.RoleSample;

class RedundancyAndLostWritesTest {

    private static RoleSample healthy(long atMs, int postgres, int redis) {
        return observedAt(atMs, atMs, postgres, redis);
    }

    /** A sample taken at {@code atMs} carrying the health a slower observation begun at {@code sinceMs} found. */
    private static RoleSample observedAt(long atMs, long sinceMs, int postgres, int redis) {
        return new RoleSample(ms(atMs), List.of(), List.of(), List.of(), Map.of("postgres", postgres, "redis", redis),
                ms(sinceMs));
    }

    @Test
    void findsTheLowestHealthyCountAndWhenEveryTierWasCompleteAgainAfterTheHeal() {
        var samples = List.of(healthy(0, 3, 3), healthy(1000, 2, 3), healthy(2000, 2, 2), healthy(3000, 3, 2),
                healthy(3500, 3, 3));

        var redundancy = Redundancy.of(samples, Map.of("postgres", 3, "redis", 3), ms(2500));

        assertThat(redundancy.lowest()).containsEntry("postgres", 2).containsEntry("redis", 2);
        assertThat(redundancy.restoredAfterHealMs()).isEqualTo(1000L);
    }

    @Test
    void aHealthObservationBegunBeforeTheHealDoesNotShowTheStackRestored() {
        // The observation begun at 1.8 s was held up by a node cut off the network until after the heal at 2.5 s.
        var samples = List.of(healthy(0, 3, 3), observedAt(2600, 1800, 3, 3), healthy(3000, 2, 3), healthy(4200, 3, 3));

        var redundancy = Redundancy.of(samples, Map.of("postgres", 3, "redis", 3), ms(2500));

        assertThat(redundancy.restoredAfterHealMs()).isEqualTo(1700L);
    }

    @Test
    void samplesWithoutAHealthObservationDoNotCount() {
        var unobserved = new RoleSample(ms(500), List.of(), List.of(), List.of(), Map.of(), null);

        var redundancy = Redundancy.of(List.of(healthy(0, 3, 3), unobserved), Map.of("postgres", 3, "redis", 3), 0);

        assertThat(redundancy.lowest()).containsEntry("postgres", 3);
    }

    @Test
    void aTierNeverCompleteAgainIsNotRestored() {
        var redundancy = Redundancy.of(List.of(healthy(0, 3, 3), healthy(1000, 2, 3)),
                Map.of("postgres", 3, "redis", 3), ms(500));

        assertThat(redundancy.restoredAfterHealMs()).isNull();
    }

    @Test
    void replicasAreRestoredWhenEveryTierIsCompleteAgainAfterASampleSawOneShortEachFaultOnItsOwn() {
        // Killed at 1 s and replaced by 4.2 s (seen short at 2 s); a second fault at 5 s never took a node away.
        var samples = List.of(healthy(0, 3, 3), healthy(1100, 3, 3), healthy(2000, 3, 2), healthy(3000, 3, 2),
                healthy(4200, 3, 3), healthy(5500, 3, 3));

        var redundancy = Redundancy.of(samples, Map.of("postgres", 3, "redis", 3), ms(6000), List.of(ms(1000), ms(5000)));

        assertThat(redundancy.restoredAfterFaultMs()).isEqualTo(3200L);
    }

    @Test
    void replicasNeverCompleteAgainAreNotRestored() {
        var samples = List.of(healthy(0, 3, 3), healthy(2000, 2, 3), healthy(3000, 2, 3));

        var redundancy = Redundancy.of(samples, Map.of("postgres", 3, "redis", 3), ms(2500), List.of(ms(1000)));

        assertThat(redundancy.restoredAfterFaultMs()).isNull();
    }

    @Test
    void anAcknowledgedWriteIsLostWhenItsKeyIsMissingOrHoldsAnotherValue() {
        var writes = List.of(write("redis-write", "probe:1", "1", 0, 1, Outcome.OK),
                write("redis-write", "probe:2", "2", 1, 2, Outcome.OK),
                write("redis-write", "probe:3", "3", 2, 3, Outcome.OK),
                write("redis-write", "probe:4", "4", 3, 4, Outcome.UNKNOWN));

        var lost = LostWrites.of(writes, Map.of("probe:1", "1", "probe:2", "two"));

        assertThat(lost.acknowledged()).isEqualTo(3);
        assertThat(lost.lost()).containsExactly("probe:2", "probe:3");
    }
}
