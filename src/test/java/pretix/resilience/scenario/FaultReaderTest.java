package pretix.resilience.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;
import pretix.resilience.fault.ContainerFault;
import pretix.resilience.fault.Fault;
import pretix.resilience.engine.PacketFilter;
import pretix.resilience.fault.LinkFault;
import pretix.resilience.fault.PartitionFault;
import pretix.resilience.fault.Peers;
import pretix.resilience.fault.ResourceEffect;
import pretix.resilience.fault.ResourceFault;
import pretix.resilience.fault.Target;
import pretix.resilience.fault.TrafficFault;
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

    @Test
    void resourceFaultsNameTheShareOfACoreARedisNodeAndAPostgresNode() throws Exception {
        assertThat(FaultReader.fromArguments(List.of("fault=starve", "target=sentinel.any", "cpu=5%"), HARDENED))
                .isEqualTo(new ResourceFault(new ResourceEffect.CpuStarvation(0.05), Target.parse("sentinel.any", HARDENED)));
        assertThat(FaultReader.fromArguments(List.of("fault=oom", "target=redis.master"), HARDENED))
                .isEqualTo(new ResourceFault(new ResourceEffect.OutOfMemory(), Target.Role.REDIS_MASTER));

        ScenarioException noShare = catchThrowableOfType(ScenarioException.class,
                () -> FaultReader.fromArguments(List.of("fault=starve", "target=pg0"), HARDENED));
        assertThat(messages(noShare)).singleElement().asString().contains("'cpu'");
        ScenarioException tooMuch = catchThrowableOfType(ScenarioException.class,
                () -> FaultReader.fromArguments(List.of("fault=starve", "target=pg0", "cpu=150%"), HARDENED));
        assertThat(messages(tooMuch)).containsExactly("cpu '150%' must be a percentage from 0% to 100%, such as 1% or 99.5%");
        ScenarioException notRedis = catchThrowableOfType(ScenarioException.class,
                () -> FaultReader.fromArguments(List.of("fault=oom", "target=pg0"), HARDENED));
        assertThat(messages(notRedis)).singleElement().asString().startsWith("oom acts on a redis node: use redis.any");
        ScenarioException misplaced = catchThrowableOfType(ScenarioException.class,
                () -> FaultReader.fromArguments(List.of("fault=oom", "target=redis.master", "cpu=5%"), HARDENED));
        assertThat(messages(misplaced)).singleElement().asString().contains("oom takes no parameters");
        assertThat(FaultReader.fromArguments(List.of("fault=disk_full", "target=postgres.primary"), HARDENED))
                .isEqualTo(new ResourceFault(new ResourceEffect.DiskFull(), Target.Role.POSTGRES_PRIMARY));
        ScenarioException notPostgres = catchThrowableOfType(ScenarioException.class,
                () -> FaultReader.fromArguments(List.of("fault=disk_full", "target=redis.master"), HARDENED));
        assertThat(messages(notPostgres)).singleElement().asString().startsWith("disk_full acts on a postgres node: use"
                + " postgres.any");
    }

    @Test
    void partitionsAndOneWayCutsTakeTheirGroupsAndPeersAsTargets() throws Exception {
        Fault partition = FaultReader.fromArguments(List.of("fault=partition", "groups=redis.master, sentinel0 | redis1,"
                + " sentinel1, sentinel2", "direction=in"), HARDENED);
        assertThat(partition).isEqualTo(new PartitionFault(List.of(
                List.of(Target.Role.REDIS_MASTER, Target.parse("sentinel0", HARDENED)),
                List.of(Target.parse("redis1", HARDENED), Target.parse("sentinel1", HARDENED),
                        Target.parse("sentinel2", HARDENED))), PacketFilter.Direction.IN));
        assertThat(partition.describe()).isEqualTo("partition redis.master sentinel0 | redis1 sentinel1 sentinel2 (in only)");

        Fault oneWay = FaultReader.fromArguments(List.of("fault=isolate", "target=redis.master", "from=sentinel0,sentinel.any",
                "direction=out"), HARDENED);
        assertThat(oneWay).isInstanceOfSatisfying(TrafficFault.class, traffic -> {
            assertThat(traffic.from()).isEqualTo(new Peers.Named(List.of(Target.parse("sentinel0", HARDENED),
                    Target.parse("sentinel.any", HARDENED))));
            assertThat(traffic.direction()).isEqualTo(PacketFilter.Direction.OUT);
        });
        assertThat(oneWay.describe()).isEqualTo("isolate redis.master from [sentinel0, sentinel.any] (out only)");
        assertThat(FaultReader.fromArguments(List.of("fault=isolate", "target=pg0", "from=pgpool"), HARDENED).describe())
                .isEqualTo("isolate pg0 from pgpool");
    }

    private static List<String> messages(ScenarioException e) {
        return e.errors().stream().map(ScenarioError::message).toList();
    }
}
