package pretix.resilience.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import pretix.resilience.roles.HaproxyView;
import pretix.resilience.roles.RedisNodeState;
import pretix.resilience.roles.RoleSnapshot;
import pretix.resilience.roles.SentinelView;
import pretix.resilience.stack.DeployedStack;
import pretix.resilience.stack.Profile;
import pretix.resilience.stack.StackSecrets;

class RoleTableTest {

    @Test
    void statusNamesTheClientsStillBoundToANodeThatIsNotTheMaster() {
        RoleSnapshot snapshot = new RoleSnapshot(Instant.EPOCH, List.of(), List.of(),
                List.of(new RedisNodeState("redis0", true, "slave", "redis1", "connected", 0, null),
                        new RedisNodeState("redis1", true, "master", null, null, 1, null)),
                List.of(new SentinelView("sentinel0", true, "redis1", 1, 2, null)),
                List.of(new HaproxyView("haproxy0", true, List.of("redis1"), Map.of("redis0", 2, "redis1", 1), true,
                        null)), List.of(), List.of(), List.of());
        DeployedStack stack = new DeployedStack("chaos-test", Profile.SEED, false, StackSecrets.random(), List.of());

        String status = new RoleTable(stack, snapshot).render();

        assertThat(status).contains("client sessions {redis0=2, redis1=1}", "Clients:    haproxy0 holds 2 client"
                + " sessions on redis0, which is not the master redis1: their writes are refused until they reconnect");
    }
}
