package pretix.resilience.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import pretix.resilience.history.Operation;
import pretix.resilience.history.Outcome;

class OfferedLoadTest {

    @Test
    void countsArrivalsSentAndShedAndThePeakInFlightFromTheSending() {
        List<Operation> orders = List.of(
                order(0, 5, 1_000, Outcome.OK),
                order(100, 0, 1_200, Outcome.OK),
                order(200, 50, 300, Outcome.UNKNOWN),
                shed(300),
                order(1_000, 0, 1_100, Outcome.OK),
                order(1_300, 0, 1_400, Outcome.OK));

        OfferedLoad load = OfferedLoad.of(orders, 2);

        assertThat(load.arrivals()).isEqualTo(6);
        assertThat(load.sent()).isEqualTo(5);
        assertThat(load.shed()).isEqualTo(1);
        // 0–1000, 100–1200 and 250–300 overlap; the order sent at 1000 starts as the first one ends.
        assertThat(load.peakInFlight()).isEqualTo(3);
        assertThat(load.offeredPerSecond()).isEqualTo(3.0);
        assertThat(load.acknowledgedPerSecond()).isEqualTo(2.0);
        assertThat(load.maxSendLagMs()).isEqualTo(50.0);
    }

    @Test
    void aPhaseCountsItsShedOrdersAndMeasuresLatencyFromTheIntendedStart() {
        List<Operation> orders = List.of(order(0, 900, 1_000, Outcome.OK), shed(500));

        PhaseAvailability phase = PhaseAvailability.steadyState(orders, 2_000 * 1_000_000L);

        assertThat(phase.invoked()).isEqualTo(2);
        assertThat(phase.failed()).isEqualTo(1);
        assertThat(phase.shed()).isEqualTo(1);
        // HdrHistogram keeps three significant digits.
        assertThat(phase.latency().maxMs()).isCloseTo(1_000.0, within(1.0));
    }

    private static Operation order(long intendedMs, long lagMs, long completeMs, Outcome outcome) {
        return new Operation(intendedMs, "buyer-" + intendedMs, "order", "k" + intendedMs, null, intendedMs * 1_000_000,
                completeMs * 1_000_000, Instant.EPOCH, Instant.EPOCH, outcome, null, "nginx0", lagMs * 1_000_000, false);
    }

    private static Operation shed(long intendedMs) {
        return new Operation(intendedMs, "buyer-" + intendedMs, "order", "k" + intendedMs, null, intendedMs * 1_000_000,
                intendedMs * 1_000_000, Instant.EPOCH, Instant.EPOCH, Outcome.FAIL, "shed", null, 0, true);
    }
}
