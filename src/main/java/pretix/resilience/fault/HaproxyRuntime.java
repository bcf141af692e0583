package pretix.resilience.fault;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import pretix.resilience.engine.Engine;
import pretix.resilience.stack.DeployedNode;

/** An HAProxy's runtime API (its admin socket), asked from inside its container. */
final class HaproxyRuntime {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** srv_check_state bits: a check is configured, and enabled. */
    private static final int CHECK_CONFIGURED = 0x2;
    private static final int CHECK_ENABLED = 0x4;
    private static final int CHECK_STATE_COLUMN = 13;

    private final Engine engine;

    HaproxyRuntime(Engine engine) {
        this.engine = engine;
    }

    /** Sends each command once per server of the {@code redis} backend, {@code %s} standing for the server. */
    void perServer(DeployedNode haproxy, List<String> servers, String... commands) {
        String script = servers.stream()
                .flatMap(server -> Arrays.stream(commands).map(command -> command.formatted(server)))
                .map(command -> "echo '" + command + "' | socat stdio /tmp/haproxy.sock")
                .collect(Collectors.joining(" && "));
        engine.exec(haproxy, List.of(), TIMEOUT, "sh", "-c", script);
    }

    /** The servers of the {@code redis} backend whose configured health check is switched off. */
    List<String> serversWithoutCheck(DeployedNode haproxy) {
        String state = engine.exec(haproxy, List.of(), TIMEOUT, "sh", "-c",
                "echo 'show servers state redis' | socat stdio /tmp/haproxy.sock");
        return uncheckedServers(state);
    }

    /** Parses {@code show servers state}: one line per server, after a version line and a header. */
    static List<String> uncheckedServers(String serversState) {
        return serversState.lines().filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> line.trim().split("\\s+")).filter(columns -> columns.length > CHECK_STATE_COLUMN)
                .filter(columns -> {
                    int check = Integer.parseInt(columns[CHECK_STATE_COLUMN]);
                    return (check & CHECK_CONFIGURED) != 0 && (check & CHECK_ENABLED) == 0;
                }).map(columns -> columns[3]).toList();
    }
}
