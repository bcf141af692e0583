package pretix.resilience.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PacedLoopTest {

    @Test
    void closingWhileOperationsAreHandedOverThrowsNothing() {
        List<Throwable> escaped = new CopyOnWriteArrayList<>();
        Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> escaped.add(e));
        try {
            for (int round = 0; round < 300; round++) {
                AtomicLong done = new AtomicLong();
                PacedLoop loop = new PacedLoop("paced-test", 1_000_000, 2, operation -> done.incrementAndGet());
                while (done.get() < 10) {
                    Thread.onSpinWait();
                }
                loop.close();
            }
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(before);
        }
        assertThat(escaped).isEmpty();
    }
}
