package pretix.resilience.roles;

import java.util.List;
import java.util.Optional;

/** What one pgpool believes: each backend's status and role ({@code SHOW pool_nodes}) and its watchdog. */
public record PgpoolView(String node, boolean reachable, List<Backend> backends, Watchdog watchdog, String error) {

    public record Backend(String hostname, String status, String role) {
        public boolean isUp() {
            return "up".equals(status);
        }
    }

    /** The watchdog cluster as this pgpool sees it; {@code null} when the watchdog is off. */
    public record Watchdog(String leader, int aliveRemoteNodes, boolean quorum) {}

    public static PgpoolView unreachable(String node, String error) {
        return new PgpoolView(node, false, List.of(), null, error);
    }

    public Optional<String> primary() {
        return backends.stream().filter(b -> b.isUp() && "primary".equals(b.role())).map(Backend::hostname).findFirst();
    }

    public boolean allBackendsUp(int expected) {
        return backends.size() == expected && backends.stream().allMatch(Backend::isUp);
    }
}
