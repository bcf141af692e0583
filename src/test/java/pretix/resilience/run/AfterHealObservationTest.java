package pretix.resilience.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AfterHealObservationTest {

    private static final long HEAL = 100_000_000_000L;

    private static long at(double secondsAfterHeal) {
        return HEAL + (long) (secondsAfterHeal * 1e9);
    }

    private static AfterHealObservation observation() {
        return new AfterHealObservation(HEAL, Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(90));
    }

    @Test
    void aSettledStackIsWatchedTheShortestTime() {
        AfterHealObservation observation = observation();
        assertThat(observation.over(at(1), true, true)).isFalse();
        assertThat(observation.over(at(4.9), true, true)).isFalse();
        assertThat(observation.over(at(5), true, true)).isTrue();
    }

    @Test
    void aQuickRejoinStillDisturbedIsWatchedTheLongestTimeAfterTheHeal() {
        AfterHealObservation observation = observation();
        assertThat(observation.over(at(1), true, false)).isFalse();
        assertThat(observation.over(at(10.9), true, false)).isFalse();
        assertThat(observation.over(at(11), true, false)).isTrue();
    }

    /** The case of a primary cut off for 15 s: complete again 10.3 s after the heal, writes failing until then. */
    @Test
    void aSlowRejoinIsFollowedByTheLongestTimeOfLoad() {
        AfterHealObservation observation = observation();
        assertThat(observation.over(at(10), false, false)).isFalse();
        assertThat(observation.over(at(10.3), true, false)).isFalse();
        assertThat(observation.over(at(15), true, false)).isFalse();
        assertThat(observation.over(at(20.2), true, false)).isFalse();
        assertThat(observation.over(at(20.3), true, false)).isTrue();
    }

    @Test
    void aSlowRejoinEndsAsSoonAsTheStackHasSettled() {
        AfterHealObservation observation = observation();
        assertThat(observation.over(at(10.3), true, false)).isFalse();
        assertThat(observation.over(at(12.5), true, true)).isTrue();
    }

    @Test
    void aTierThatNeverComesBackIsWatchedUntilTheRedundancyBound() {
        AfterHealObservation observation = observation();
        assertThat(observation.over(at(89.9), false, true)).isFalse();
        assertThat(observation.over(at(90), false, true)).isTrue();
    }

    @Test
    void aTierThatDropsOutAgainDoesNotRestartTheClock() {
        AfterHealObservation observation = observation();
        assertThat(observation.over(at(2), true, false)).isFalse();
        assertThat(observation.over(at(8), false, false)).isFalse();
        assertThat(observation.over(at(12), false, false)).isTrue();
    }
}
