package pretix.resilience.stack.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import pretix.resilience.engine.Engine;
import pretix.resilience.roles.PgpoolView;
import pretix.resilience.roles.RoleObserver;
import pretix.resilience.roles.RoleSnapshot;
import pretix.resilience.stack.DeployedStack;
import pretix.resilience.stack.Profile;
import pretix.resilience.stack.Tier;
import pretix.resilience.stack.Topology;
import pretix.resilience.engine.LaunchedStack;

/**
 * The failover machinery inside the hardened images, without load: a killed primary or master
 * is replaced, and when its container starts again it rejoins as standby or replica instead of
 * becoming a second writer. The resilience suites measure the same under load against SLOs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FailoverMachineryIT {

    private final Topology topology = Topology.defaults(Profile.HARDENED);
    private final Profile.Settings settings = topology.profile().settings();
    private final Engine engine = Machine.engine();
    private final RoleObserver observer = new RoleObserver(engine);
    private LaunchedStack stack;

    /**
     * Sentinel may take down-after plus one failover timeout to elect; HAProxy then needs
     * {@code rise} checks. Doubled, as a liveness bound from the profile's own settings.
     */
    private final Duration redisFailoverBound = settings.sentinelDownAfter().plus(settings.sentinelFailoverTimeout())
            .plus(settings.haproxyCheck().interval().multipliedBy(settings.haproxyCheck().rise())).multipliedBy(2);

    /** pgpool's health check (1 s period, 2 s timeout), promotion and follow-primary: 30 s is a liveness bound. */
    private static final Duration POSTGRES_FAILOVER_BOUND = Duration.ofSeconds(30);

    @BeforeAll
    void startStack() {
        stack = engine.launch(topology, false, System.out::println);
    }

    @AfterAll
    void removeStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aKilledPrimaryIsReplacedAndRejoinsAsStandbyThroughPgRewind() throws IOException {
        String oldPrimary = agreedPrimary().orElseThrow();
        engine.kill(current().node(oldPrimary));

        String newPrimary = await("a standby promoted, every pgpool agreeing").atMost(POSTGRES_FAILOVER_BOUND)
                .until(this::agreedPrimary, primary -> primary.isPresent() && !primary.get().equals(oldPrimary))
                .orElseThrow();

        engine.start(current().node(oldPrimary));
        await("former primary " + oldPrimary + " streaming from " + newPrimary + " and attached in every pgpool")
                .atMost(POSTGRES_FAILOVER_BOUND).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                    RoleSnapshot snapshot = observer.observe(current());
                    assertThat(snapshot.postgresPrimaries()).containsExactly(newPrimary);
                    assertThat(snapshot.postgres()).filteredOn(node -> !node.node().equals(newPrimary))
                            .allSatisfy(node -> assertThat(node.isStreamingStandby()).as(node.node()).isTrue());
                    assertThat(snapshot.pgpools()).allSatisfy(view -> {
                        assertThat(view.allBackendsUp(topology.count(Tier.POSTGRES))).as(view.toString()).isTrue();
                        assertThat(view.primary()).contains(newPrimary);
                    });
                    // The standbys stream through Toxiproxy, whose replication link pgpool re-pointed.
                    assertThat(snapshot.toxiproxy().get(0).links()).filteredOn(link -> link.name().equals("replication"))
                            .singleElement().satisfies(link -> assertThat(link.upstream()).isEqualTo(newPrimary + ":5432"));
                });
        assertThat(logsOf(oldPrimary)).contains("former primary: rewinding onto " + newPrimary);
    }

    @Test
    void aKilledMasterIsReplacedAndRestartsAsReplicaOfTheNewMaster() throws IOException {
        String oldMaster = observer.observe(current()).agreedRedisMaster().orElseThrow();
        engine.kill(current().node(oldMaster));

        String newMaster = await("a replica elected, every sentinel and HAProxy agreeing").atMost(redisFailoverBound)
                .until(() -> observer.observe(current()).agreedRedisMaster(),
                        master -> master.isPresent() && !master.get().equals(oldMaster))
                .orElseThrow();

        engine.start(current().node(oldMaster));
        await("former master " + oldMaster + " a connected replica of " + newMaster).atMost(redisFailoverBound)
                .pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                    RoleSnapshot snapshot = observer.observe(current());
                    assertThat(snapshot.redis()).filteredOn(node -> node.node().equals(oldMaster)).singleElement()
                            .satisfies(node -> {
                                assertThat(node.isConnectedReplica()).as(node.toString()).isTrue();
                                assertThat(node.master()).isEqualTo(newMaster);
                            });
                    assertThat(snapshot.agreedRedisMaster()).contains(newMaster);
                });
        assertThat(logsOf(oldMaster)).contains("sentinels name " + newMaster + " as master");
    }

    private Optional<String> agreedPrimary() {
        RoleSnapshot snapshot = observer.observe(current());
        return snapshot.pgpools().stream().allMatch(PgpoolView::reachable) ? snapshot.agreedPostgresPrimary()
                : Optional.empty();
    }

    /** Read back each time: a restarted node publishes its ports anew. */
    private DeployedStack current() {
        return engine.stack(stack.id());
    }

    private String logsOf(String node) throws IOException {
        Path file = Files.createTempFile(node, ".log");
        try {
            engine.copyLogs(current().node(node), Instant.EPOCH, file);
            return Files.readString(file);
        } finally {
            Files.delete(file);
        }
    }
}
