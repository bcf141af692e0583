package pretix.resilience.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import pretix.resilience.fault.ContainerFault;
import pretix.resilience.fault.Fault;
import pretix.resilience.fault.Target;

class StepTest {

    private static final Fault KILL = new ContainerFault(ContainerFault.Action.KILL, Target.Role.REDIS_MASTER);

    @Test
    void aStepIsScheduledFromTheSteadyStateOrThePreviousStep() {
        List<Step> scheduled = Step.schedule(List.of(Step.at(Duration.ofSeconds(2), KILL, Duration.ofSeconds(5)),
                new Step(DurationRange.exactly(Duration.ofSeconds(3)), true, KILL, Duration.ofSeconds(1))),
                new Random(1));
        assertThat(scheduled).extracting(Step::at).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    @Test
    void aStepIsOnlyAtAFixedTimeOnceScheduled() {
        Step range = new Step(new DurationRange(Duration.ofSeconds(2), Duration.ofSeconds(8)), false, KILL,
                Duration.ofSeconds(1));
        assertThatThrownBy(range::at).hasMessageContaining("not scheduled");
        assertThat(Step.schedule(List.of(range), new Random(7)).get(0).at())
                .isBetween(Duration.ofSeconds(2), Duration.ofSeconds(8));
    }
}
