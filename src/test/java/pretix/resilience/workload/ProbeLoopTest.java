package pretix.resilience.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import pretix.resilience.history.History;
import pretix.resilience.history.RunClock;

class ProbeLoopTest {

    @Test
    void writesDueWhileOneHangsAreSkippedAndTheNextRunsWhenDue() {
        History history = new History(new RunClock());
        CountDownLatch thawed = new CountDownLatch(1);
        List<Long> written = new CopyOnWriteArrayList<>();
        AtomicLong lateness = new AtomicLong();
        try (ProbeLoop ignored = new ProbeLoop("probe", 50, history, (sequence, intended) -> {
            lateness.accumulateAndGet(history.clock().now() - intended, Math::max);
            if (sequence == 0) {
                awaitQuietly(thawed);
            }
            written.add(sequence);
        })) {
            await().until(() -> history.clock().now() > Duration.ofMillis(500).toNanos());
            thawed.countDown();
            await().until(() -> written.size() >= 5);
        }

        assertThat(written.get(0)).isZero();
        assertThat(written.get(1)).as("the first write due after the hung one ended").isGreaterThan(20);
        assertThat(written).isSorted().doesNotHaveDuplicates();
        assertThat(lateness.get()).as("how late a write that was not skipped started")
                .isLessThan(Duration.ofMillis(500).toNanos());
    }

    @Test
    void closingWhileWritesAreHandedOverThrowsNothing() {
        List<Throwable> escaped = new CopyOnWriteArrayList<>();
        Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> escaped.add(e));
        try {
            for (int round = 0; round < 100; round++) {
                AtomicLong done = new AtomicLong();
                ProbeLoop loop = new ProbeLoop("probe", 10_000, new History(new RunClock()),
                        (sequence, intended) -> done.incrementAndGet());
                await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(1)).until(() -> done.get() >= 10);
                loop.close();
            }
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(before);
        }
        assertThat(escaped).isEmpty();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
