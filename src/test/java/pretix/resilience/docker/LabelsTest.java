package pretix.resilience.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelsTest {

    @Test
    void aResourceOfThisLiveProcessIsNoOrphan() {
        assertThat(Labels.isOrphan(Labels.forStack("chaos-1", "seed", false))).isFalse();
    }

    @Test
    void aResourceWhoseOwnerDiedIsAnOrphan() throws Exception {
        Process child = new ProcessBuilder("true").start();
        Owner dead = new Owner(child.pid(), child.info().startInstant().map(i -> i.toEpochMilli()).orElse(1L));
        child.waitFor();

        assertThat(Labels.isOrphan(withOwner(dead.toString(), false))).isTrue();
    }

    @Test
    void aNewProcessThatReusedThePidIsNotTheOwner() {
        Owner self = Owner.current();
        Owner earlierProcessWithSamePid = new Owner(self.pid(), self.startMillis() - 60_000);

        assertThat(earlierProcessWithSamePid.isAlive()).isFalse();
        assertThat(Labels.isOrphan(withOwner(earlierProcessWithSamePid.toString(), false))).isTrue();
    }

    @Test
    void aKeptStackIsNeverAnOrphanAndAMissingOwnerIsOne() {
        assertThat(Labels.isOrphan(withOwner("1:1", true))).isFalse();
        assertThat(Labels.isOrphan(withOwner("garbage", false))).isTrue();
    }

    private static Map<String, String> withOwner(String owner, boolean keep) {
        Map<String, String> labels = new HashMap<>(Labels.forStack("chaos-1", "seed", keep));
        labels.put(Labels.OWNER, owner);
        return labels;
    }
}
