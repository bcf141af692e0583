package pretix.resilience.roles;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What one pgpool believes: each backend's status and role ({@code SHOW pool_backend_stats}) and its watchdog. */
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

    /**
     * The watchdogs among {@code views} not yet in touch with every other of the {@code pgpools}
     * under one leader, in words; empty when every one is, or none runs a watchdog. A watchdog
     * serves with a quorum before that, but a failover it must agree on needs them all.
     */
    public static List<String> watchdogGaps(List<PgpoolView> views, int pgpools) {
        long leaders = views.stream().map(PgpoolView::watchdog).filter(Objects::nonNull).map(Watchdog::leader)
                .distinct().count();
        List<String> gaps = new ArrayList<>();
        for (PgpoolView view : views) {
            Watchdog watchdog = view.watchdog();
            if (!view.reachable() || view.error() != null) {
                gaps.add(view.node() + ": " + view.error());
            } else if (watchdog != null && (watchdog.aliveRemoteNodes() < pgpools - 1 || leaders != 1)) {
                gaps.add(view.node() + "'s watchdog sees " + watchdog.aliveRemoteNodes() + " of " + (pgpools - 1)
                        + " other pgpools alive, leader " + watchdog.leader());
            }
        }
        return gaps;
    }
}
