package pretix.resilience.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class InterruptionTest {

    @Test
    void aPauseLastsItsDurationWhileNoStopIsRequested() throws Exception {
        Interruption interruption = new Interruption(false);
        long started = System.nanoTime();

        interruption.pause(Duration.ofMillis(50));

        assertThat(System.nanoTime() - started).isGreaterThanOrEqualTo(Duration.ofMillis(50).toNanos());
        assertThat(interruption.requested()).isFalse();
    }

    @Test
    void aStopEndsAPauseUnderWayAndEveryLaterOneAtOnce() {
        Interruption interruption = new Interruption(true);
        CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> {
            try {
                interruption.pause(Duration.ofMinutes(10));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });

        interruption.request("SIGTERM");

        assertThatThrownBy(waiting::join).hasCauseInstanceOf(Interruption.Stop.class)
                .hasMessageContaining("stopped by SIGTERM");
        assertThatThrownBy(() -> interruption.pause(Duration.ofMinutes(10))).isInstanceOf(Interruption.Stop.class);
        assertThat(interruption.leaveFaults()).isTrue();
        assertThat(Interruption.NONE.requested()).isFalse();
    }
}
