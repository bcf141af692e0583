package pretix.resilience.fault;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HaproxyRuntimeTest {

    /** As HAProxy 2.6 answers {@code show servers state redis}, after {@code disable health redis/redis1}. */
    private static final String STATE = """
            1
            # be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state srv_uweight srv_iweight \
            srv_time_since_last_change srv_check_status srv_check_result srv_check_health srv_check_state \
            srv_agent_state bk_f_forced_id srv_f_forced_id srv_fqdn srv_port srvrecord srv_use_ssl srv_check_port \
            srv_check_addr srv_agent_addr srv_agent_port
            4 redis 1 redis0 172.23.0.2 2 0 1 1 396 15 3 3 6 0 0 0 redis0 6379 - 0 0 - - 0
            4 redis 2 redis1 172.23.0.6 2 0 1 1 395 12 0 0 2 0 0 0 redis1 6379 - 0 0 - - 0
            4 redis 3 redis2 172.23.0.5 0 0 1 1 395 12 0 0 7 0 0 0 redis2 6379 - 0 0 - - 0
            """;

    @Test
    void aServerWhoseConfiguredCheckIsSwitchedOffIsUnchecked() {
        assertThat(HaproxyRuntime.uncheckedServers(STATE)).containsExactly("redis1");
        assertThat(HaproxyRuntime.uncheckedServers(STATE.replace(" 0 0 2 0 0 0 redis1", " 0 0 6 0 0 0 redis1")))
                .isEmpty();
    }
}
