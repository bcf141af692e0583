package pretix.resilience.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;
import pretix.resilience.fault.ContainerFault;
import pretix.resilience.fault.Fault;
import pretix.resilience.fault.LinkFault;
import pretix.resilience.fault.Target;
import pretix.resilience.stack.Profile;
import pretix.resilience.stack.Topology;

/** `chaos inject KEY=VALUE…`: the keys of a timeline entry, checked as a file's are. */
class FaultReaderTest {

    private static final Topology HARDENED = Topology.defaults(Profile.HARDENED);

    @Test
    void aNodeFaultAndALinkFaultWithItsParameter() throws Exception {
        assertThat(FaultReader.fromArguments(List.of("fault=kill", "target=redis.master"), HARDENED))
                .isEqualTo(new ContainerFault(ContainerFault.Action.KILL, Target.Role.REDIS_MASTER));
        Fault latency = FaultReader.fromArguments(List.of("fault=latency", "link=shop-pgpool", "latency=2s"), HARDENED);
        assertThat(latency).isInstanceOfSatisfying(LinkFault.class, link -> {
            assertThat(link.link()).isEqualTo("shop-pgpool");
            assertThat(link.describe()).contains("2000 ms");
        });
    }

    @Test
    void valuesAreTakenLiterallyNotAsYaml() {
        ScenarioException braces = catchThrowableOfType(ScenarioException.class,
                () -> FaultReader.fromArguments(List.of("fault=kill", "target={redis: master}"), HARDENED));
        assertThat(messages(braces)).singleElement().asString().startsWith("unknown target '{redis: master}'");
        ScenarioException quote = catchThrowableOfType(ScenarioException.class,
                () -> FaultReader.fromArguments(List.of("fault=kill", "target=pg0'"), HARDENED));
        assertThat(messages(quote)).singleElement().asString().startsWith("unknown target 'pg0''");
    }

    @Test
    void everyProblemIsNamedWithTheValidChoices() {
        ScenarioException problems = catchThrowableOfType(ScenarioException.class,
                () -> FaultReader.fromArguments(List.of("fault=latncy", "taget=pg0"), HARDENED));
        assertThat(messages(problems)).containsExactly(
                "unknown key 'taget' in a fault (did you mean 'target'?): valid keys are " + FaultReader.KEYS,
                messages(problems).get(1));
        assertThat(messages(problems).get(1)).startsWith("unknown fault 'latncy' (did you mean 'latency'?)");

        ScenarioException noEquals = catchThrowableOfType(ScenarioException.class,
                () -> FaultReader.fromArguments(List.of("kill"), HARDENED));
        assertThat(messages(noEquals)).containsExactly("'kill' is not key=value, such as fault=kill or target=redis.master");

        ScenarioException outOfRange = catchThrowableOfType(ScenarioException.class,
                () -> FaultReader.fromArguments(List.of("fault=pause", "target=postgres[3]", "duration=1s"), HARDENED));
        assertThat(messages(outOfRange)).contains("target 'postgres[3]': the topology has 3 postgres nodes, pg0 to pg2"
                + " (postgres[0] to postgres[2])");
    }

    private static List<String> messages(ScenarioException e) {
        return e.errors().stream().map(ScenarioError::message).toList();
    }
}
