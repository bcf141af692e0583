package pretix.resilience.cli;

import java.util.stream.Collectors;
import pretix.resilience.roles.PgpoolView;
import pretix.resilience.roles.PostgresNodeState;
import pretix.resilience.roles.RedisNodeState;
import pretix.resilience.roles.RoleSnapshot;
import pretix.resilience.roles.WebView;
import pretix.resilience.stack.DeployedStack;
import pretix.resilience.stack.Tier;

/** {@code chaos status} as text: one line per node and observer, then the verdict on agreement. */
final class RoleTable {

    private final DeployedStack stack;
    private final RoleSnapshot snapshot;
    private final StringBuilder text = new StringBuilder();

    RoleTable(DeployedStack stack, RoleSnapshot snapshot) {
        this.stack = stack;
        this.snapshot = snapshot;
    }

    String render() {
        text.append(String.format("stack %s (%s), observed %s%n", stack.id(), stack.profile().id(), snapshot.at()));
        section("tiers (healthy / expected)");
        for (Tier tier : Tier.values()) {
            int expected = stack.nodes(tier).size();
            int healthy = snapshot.healthy(tier);
            text.append(String.format("  %-10s %d/%d%s%n", tier.image(), healthy, expected,
                    healthy < expected ? "  DEGRADED" : ""));
        }
        section("PostgreSQL nodes");
        snapshot.postgres().forEach(node -> row(node.node(), node.role(), postgresDetail(node)));
        section("pgpool views");
        snapshot.pgpools().forEach(view -> row(view.node(), view.reachable() ? "primary " + view.primary().orElse("none")
                : "unreachable", pgpoolDetail(view)));
        section("Redis nodes");
        snapshot.redis().forEach(node -> row(node.node(), node.reachable() ? redisRole(node) : "unreachable",
                redisDetail(node)));
        section("sentinel views");
        snapshot.sentinels().forEach(view -> row(view.node(), view.reachable() ? "master " + view.master()
                : "unreachable", view.reachable() ? view.knownReplicas() + " replicas, " + view.knownSentinels()
                + " other sentinels" : view.error()));
        section("HAProxy views");
        snapshot.haproxies().forEach(view -> row(view.node(), view.reachable() ? "routes to " + view.upServers()
                : "unreachable", view.reachable() ? "PING " + (view.pong() ? "ok" : "fails") + ", client sessions "
                + view.sessions() : view.error()));
        section("shop replicas");
        snapshot.shops().forEach(this::web);
        section("nginx");
        snapshot.nginxes().forEach(this::web);
        section("Toxiproxy links");
        snapshot.toxiproxy().forEach(view -> {
            if (!view.reachable()) {
                row(view.node(), "unreachable", view.error());
            }
            view.links().forEach(link -> row(link.name(), link.enabled() ? "up" : "CUT", "-> " + link.upstream()
                    + (link.toxics().isEmpty() ? "" : ", toxics " + link.toxics())));
        });
        section("verdict");
        text.append("  PostgreSQL: ").append(verdict(snapshot.postgresPrimaries().size(), "primary",
                snapshot.agreedPostgresPrimary().isPresent(), "every pgpool")).append('\n');
        text.append("  Redis:      ").append(verdict(snapshot.redisMasters().size(), "master",
                snapshot.agreedRedisMaster().isPresent(), "every sentinel and HAProxy")).append('\n');
        snapshot.pinnedSessions().forEach(pinned -> text.append("  Clients:    ").append(pinned)
                .append(": their writes are refused until they reconnect\n"));
        return text.toString();
    }

    private void web(WebView view) {
        row(view.node(), view.healthy() ? "healthy" : view.reachable() ? "HTTP " + view.status() : "unreachable",
                view.problem());
    }

    private void section(String title) {
        text.append(title).append('\n');
    }

    private void row(String node, String role, String detail) {
        text.append(String.format("  %-14s %-22s %s%n", node, role, detail == null ? "" : detail));
    }

    private static String postgresDetail(PostgresNodeState node) {
        if (!node.reachable()) {
            return node.error();
        }
        if (node.inRecovery()) {
            return "wal receiver " + node.walReceiverStatus();
        }
        return node.replicas().stream().map(replica -> String.format("%s %s/%s lag %d B %d ms", replica.standby(),
                replica.state(), replica.syncState(), replica.lagBytes(), replica.replayLagMillis()))
                .collect(Collectors.joining("; "));
    }

    private static String pgpoolDetail(PgpoolView view) {
        if (!view.reachable()) {
            return view.error();
        }
        String backends = view.backends().stream().map(b -> b.hostname() + " " + b.status() + " " + b.role())
                .collect(Collectors.joining(", "));
        PgpoolView.Watchdog watchdog = view.watchdog();
        return backends + (watchdog == null ? "" : "; watchdog leader " + watchdog.leader() + ", "
                + (watchdog.quorum() ? "quorum" : "NO quorum"));
    }

    private static String redisRole(RedisNodeState node) {
        return node.isMaster() ? "master" : "replica of " + node.master();
    }

    private static String redisDetail(RedisNodeState node) {
        if (!node.reachable()) {
            return node.error();
        }
        return node.isMaster() ? node.connectedReplicas() + " replicas connected" : "link " + node.linkState();
    }

    private static String verdict(int holders, String role, boolean agreed, String observers) {
        if (holders != 1) {
            return holders + " nodes answer as " + role + " (expected exactly 1)";
        }
        return "one " + role + (agreed ? ", and " + observers + " agrees" : ", but not " + observers + " agrees");
    }
}
