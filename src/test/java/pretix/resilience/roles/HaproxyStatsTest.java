package pretix.resilience.roles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import org.junit.jupiter.api.Test;

class HaproxyStatsTest {

    @Test
    void upServersAreTheRedisServersWhoseStatusIsUp() {
        String csv = """
                # pxname,svname,qcur,qmax,scur,status,weight
                stats,FRONTEND,,,0,OPEN,
                redis,FRONTEND,,,1,OPEN,
                redis,redis0,0,0,1,UP,1
                redis,redis1,0,0,0,DOWN,1
                redis,redis2,0,0,0,UP 1/2,1
                redis,BACKEND,0,0,1,UP,1
                """;

        assertThat(RoleObserver.upServers(csv)).containsExactly("redis0", "redis2");
        assertThat(RoleObserver.sessions(csv)).containsExactly(entry("redis0", 1), entry("redis1", 0), entry("redis2", 0));
    }

    @Test
    void aServerMarkedDownMayStillHoldClientSessions() {
        String csv = """
                # pxname,svname,qcur,qmax,scur,status,weight
                redis,redis0,0,0,3,DOWN,1
                redis,redis1,0,0,5,UP,1
                """;

        assertThat(RoleObserver.upServers(csv)).containsExactly("redis1");
        assertThat(RoleObserver.sessions(csv)).containsExactly(entry("redis0", 3), entry("redis1", 5));
    }
}
