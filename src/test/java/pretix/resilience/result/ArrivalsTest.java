package pretix.resilience.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.function.LongSupplier;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class ArrivalsTest {

    @Test
    void constantArrivalsAreOneEveryOneOverTheRate() {
        LongSupplier gaps = Arrivals.CONSTANT.gaps(4, 1);

        assertThat(LongStream.generate(gaps).limit(5)).containsOnly(250_000_000L);
    }

    @Test
    void poissonGapsAverageOneOverTheRateAndRepeatWithTheSeed() {
        long[] gaps = LongStream.generate(Arrivals.POISSON.gaps(10, 42)).limit(20_000).toArray();

        assertThat(LongStream.of(gaps).average().orElseThrow()).isCloseTo(100_000_000, within(3_000_000.0));
        assertThat(LongStream.of(gaps).filter(gap -> gap > 200_000_000).count() / 20_000.0)
                .as("gaps over twice the mean: e^-2 of them").isCloseTo(Math.exp(-2), within(0.01));
        assertThat(LongStream.generate(Arrivals.POISSON.gaps(10, 42)).limit(20_000).toArray()).isEqualTo(gaps);
        assertThat(LongStream.generate(Arrivals.POISSON.gaps(10, 43)).limit(20_000).toArray()).isNotEqualTo(gaps);
    }
}
