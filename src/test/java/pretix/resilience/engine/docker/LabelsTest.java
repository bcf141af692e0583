package pretix.resilience.engine.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LabelsTest {

    private static final Set<String> NONE_KEPT = Set.of();

    @Test
    void aResourceOfThisLiveProcessIsInUseAndNoOrphan() {
        Map<String, String> mine = Labels.forStack("chaos-1", "seed");

        assertThat(Labels.isOrphan(mine, NONE_KEPT)).isFalse();
        assertThat(Labels.isInUse(mine, NONE_KEPT)).isTrue();
        assertThat(Labels.runningOwner(mine)).contains(Owner.current());
    }

    @Test
    void aKeptStackIsNotInUseEvenWhileItsOwnerRuns() {
        assertThat(Labels.isInUse(Labels.forStack("chaos-1", "seed"), Set.of("chaos-1"))).isFalse();
    }

    @Test
    void aResourceWhoseOwnerDiedIsAnOrphan() throws Exception {
        Process child = new ProcessBuilder("true").start();
        Owner dead = new Owner(child.pid(), child.info().startInstant().map(i -> i.toEpochMilli()).orElse(1L));
        child.waitFor();

        assertThat(Labels.isOrphan(withOwner(dead.toString()), NONE_KEPT)).isTrue();
        assertThat(Labels.isInUse(withOwner(dead.toString()), NONE_KEPT)).isFalse();
    }

    @Test
    void aNewProcessThatReusedThePidIsNotTheOwner() {
        Owner self = Owner.current();
        Owner earlierProcessWithSamePid = new Owner(self.pid(), self.startMillis() - 60_000);

        assertThat(earlierProcessWithSamePid.isAlive()).isFalse();
        assertThat(Labels.isOrphan(withOwner(earlierProcessWithSamePid.toString()), NONE_KEPT)).isTrue();
    }

    @Test
    void aKeptStackIsNeverAnOrphanAndAMissingOwnerIsOne() {
        assertThat(Labels.isOrphan(withOwner("1:1"), Set.of("chaos-1"))).isFalse();
        assertThat(Labels.isOrphan(withOwner("garbage"), Set.of("chaos-2"))).isTrue();
    }

    private static Map<String, String> withOwner(String owner) {
        Map<String, String> labels = new HashMap<>(Labels.forStack("chaos-1", "seed"));
        labels.put(Labels.OWNER, owner);
        return labels;
    }
}
