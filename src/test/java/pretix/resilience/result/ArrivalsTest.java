package pretix.resilience.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongUnaryOperator;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class ArrivalsTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void constantArrivalsAreOneEveryOneOverTheRate() {
        assertThat(schedule(Arrivals.CONSTANT.gaps(4, 1), 5)).containsExactly(0L, 250_000_000L, 500_000_000L,
                750_000_000L, 1_000_000_000L);
    }

    @Test
    void poissonGapsAverageOneOverTheRateAndRepeatWithTheSeed() {
        long[] gaps = gaps(schedule(Arrivals.POISSON.gaps(10, 42), 20_001));

        assertThat(LongStream.of(gaps).average().orElseThrow()).isCloseTo(100_000_000, within(3_000_000.0));
        assertThat(LongStream.of(gaps).filter(gap -> gap > 200_000_000).count() / 20_000.0)
                .as("gaps over twice the mean: e^-2 of them").isCloseTo(Math.exp(-2), within(0.01));
        assertThat(gaps(schedule(Arrivals.POISSON.gaps(10, 42), 20_001))).isEqualTo(gaps);
        assertThat(gaps(schedule(Arrivals.POISSON.gaps(10, 43), 20_001))).isNotEqualTo(gaps);
    }

    /** A ramp from 2 to 10 per second over 10 s: 60 arrivals in it (the rate's integral), closer together as it rises. */
    @Test
    void arrivalsFollowARampOfTheRate() {
        LoadProfile ramp = new LoadProfile(List.of(new LoadPhase(LoadLevel.PEAK, 2, 10, Duration.ofSeconds(10))));
        for (Arrivals arrivals : Arrivals.values()) {
            List<Long> due = schedule(arrivals.gaps(at -> ramp.perSecondAt(at, 0), 7), 1000);
            long inTheRamp = due.stream().filter(at -> at < 10 * SECOND).count();
            long firstSecond = due.stream().filter(at -> at < SECOND).count();
            long lastSecond = due.stream().filter(at -> at >= 9 * SECOND && at < 10 * SECOND).count();

            assertThat(inTheRamp).as(arrivals.id()).isBetween(arrivals == Arrivals.CONSTANT ? 58L : 40L,
                    arrivals == Arrivals.CONSTANT ? 62L : 80L);
            if (arrivals == Arrivals.CONSTANT) {
                assertThat(firstSecond).isBetween(2L, 3L);
                assertThat(lastSecond).isBetween(9L, 10L);
            }
            assertThat(due.stream().filter(at -> at >= 10 * SECOND && at < 20 * SECOND).count())
                    .as("after the ramp: its last rate").isBetween(arrivals == Arrivals.CONSTANT ? 99L : 75L,
                            arrivals == Arrivals.CONSTANT ? 101L : 125L);
        }
    }

    private static List<Long> schedule(LongUnaryOperator gaps, int arrivals) {
        List<Long> due = new ArrayList<>();
        long at = 0;
        for (int i = 0; i < arrivals; i++, at += gaps.applyAsLong(at)) {
            due.add(at);
        }
        return due;
    }

    private static long[] gaps(List<Long> due) {
        return LongStream.range(1, due.size()).map(i -> due.get((int) i) - due.get((int) i - 1)).toArray();
    }
}
