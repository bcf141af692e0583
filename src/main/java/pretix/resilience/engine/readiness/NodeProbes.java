package pretix.resilience.engine.readiness;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import pretix.resilience.roles.PgpoolView;
import pretix.resilience.roles.PostgresNodeState;
import pretix.resilience.roles.RedisNodeState;
import pretix.resilience.roles.RoleObserver;
import pretix.resilience.roles.SentinelView;
import pretix.resilience.roles.ToxiproxyView;
import pretix.resilience.roles.WebView;
import pretix.resilience.stack.DeployedNode;
import pretix.resilience.stack.Link;
import pretix.resilience.stack.Node;
import pretix.resilience.stack.NodeClients;
import pretix.resilience.stack.Tier;
import pretix.resilience.stack.Topology;

/** When each node counts as ready, judged through the same observations role discovery uses. */
public final class NodeProbes {

    private static final Duration CHEAP_QUESTION = Duration.ofMillis(150);
    /**
     * A question that logs in to PostgreSQL: ~40 ms of CPU on a slow machine, three logins through
     * pgpool (a session there logs in to every backend). Asked every 150 ms during the start, the
     * stack's busiest moment, the probes alone made 60 logins a second and pgpool's own health
     * checks of a healthy primary timed out.
     */
    private static final Duration LOGIN = Duration.ofSeconds(1);

    private final Topology topology;
    private final RoleObserver observer;
    private final NodeClients clients;
    private final Function<Node, DeployedNode> deployed;

    /** @param deployed each node as it is deployed now */
    public NodeProbes(Topology topology, RoleObserver observer, NodeClients clients, Function<Node, DeployedNode> deployed) {
        this.topology = topology;
        this.observer = observer;
        this.clients = clients;
        this.deployed = deployed;
    }

    public ReadinessProbe forNode(Node node) {
        return switch (node.tier()) {
            case POSTGRES -> new ReadinessProbe(node.equals(topology.initialPrimary()) ? this::primary : this::standby, LOGIN);
            case PGPOOL -> new ReadinessProbe(this::pgpool, LOGIN);
            case REDIS -> cheap(node.equals(topology.initialRedisMaster()) ? this::redisMaster : this::redisReplica);
            case SENTINEL -> cheap(this::sentinel);
            case HAPROXY -> cheap(this::haproxy);
            case SHOP, NGINX -> cheap(this::web);
            case TOXIPROXY -> cheap(this::toxiproxy);
        };
    }

    private static ReadinessProbe cheap(Function<DeployedNode, Readiness> check) {
        return new ReadinessProbe(check, CHEAP_QUESTION);
    }

    private Readiness primary(DeployedNode node) {
        PostgresNodeState state = observer.postgres(clients, node);
        return Readiness.of(state.isPrimary(), state.reachable() ? state.role() : state.error());
    }

    /**
     * A standby is ready when it answers as a standby whose WAL receiver streams, and the primary
     * lists it as streaming. The primary's view alone is not enough: the base backup's own WAL
     * stream carries the standby's name before the standby accepts a single connection.
     */
    private Readiness standby(DeployedNode node) {
        PostgresNodeState standby = observer.postgres(clients, node);
        if (!standby.isStreamingStandby()) {
            return Readiness.of(false, standby.reachable() ? standby.role() + ", wal receiver "
                    + standby.walReceiverStatus() : standby.error());
        }
        PostgresNodeState primary = observer.postgres(clients, deployed.apply(topology.initialPrimary()));
        boolean listed = primary.replicas().stream().anyMatch(replica ->
                replica.standby().equals(node.node().name()) && "streaming".equals(replica.state()));
        return Readiness.of(listed, "primary's pg_stat_replication: " + primary.replicas());
    }

    /**
     * A pgpool is ready when it finds every backend up and names the initial primary as its
     * primary; with a watchdog, it also holds the quorum under a leader (every pgpool starts at
     * once: {@link pretix.resilience.stack.StartOrder}). The primary matters: a pgpool that
     * missed it at its start (a busy machine) listed every backend as a standby for minutes, and
     * with {@code sr_check_period = 0} nothing made it look again; such a start is better retried.
     * That a watchdog sees every other pgpool can take 10 s more: pgpool retries a peer that
     * refused its first connection (not listening yet) only every 10 s. A run waits for that
     * before its load starts ({@link PgpoolView#watchdogGaps}).
     */
    private Readiness pgpool(DeployedNode node) {
        // The watchdog is asked by a command run in the container (most of a second here), and
        // only once every backend is up.
        PgpoolView backends = observer.pgpool(clients, node, false);
        boolean backendsReady = backends.allBackendsUp(topology.count(Tier.POSTGRES))
                && backends.primary().filter(topology.initialPrimary().name()::equals).isPresent();
        boolean watchdog = topology.profile().settings().pgpoolWatchdog();
        PgpoolView view = backendsReady && watchdog ? observer.pgpool(clients, node, true) : backends;
        boolean watchdogFormed = !watchdog || (view.watchdog() != null && view.watchdog().quorum()
                && view.watchdog().leader() != null);
        String watchdogState = view == backends ? "" : ", " + (view.error() != null ? view.error()
                : "watchdog " + view.watchdog());
        return Readiness.of(backendsReady && watchdogFormed,
                view.reachable() ? "backends " + view.backends() + watchdogState : view.error());
    }

    private Readiness redisMaster(DeployedNode node) {
        RedisNodeState state = observer.redis(clients, node);
        return Readiness.of(state.isMaster(), state.reachable() ? "role " + state.role() : state.error());
    }

    private Readiness redisReplica(DeployedNode node) {
        RedisNodeState state = observer.redis(clients, node);
        return Readiness.of(state.isConnectedReplica(),
                state.reachable() ? "role " + state.role() + ", link " + state.linkState() : state.error());
    }

    /** A sentinel is ready when it has found every replica and every other sentinel. */
    private Readiness sentinel(DeployedNode node) {
        SentinelView view = observer.sentinel(clients, node);
        boolean complete = view.master() != null
                && view.knownReplicas() == topology.count(Tier.REDIS) - 1
                && view.knownSentinels() == topology.count(Tier.SENTINEL) - 1;
        return Readiness.of(complete, view.reachable() ? "master " + view.master() + ", " + view.knownReplicas()
                + " replicas, " + view.knownSentinels() + " other sentinels" : view.error());
    }

    private Readiness haproxy(DeployedNode node) {
        var view = observer.haproxy(clients, node);
        return Readiness.of(view.pong() && view.upServers().size() == 1,
                view.reachable() ? "servers up " + view.upServers() + ", PING " + view.pong() : view.error());
    }

    /** A shop replica, or an nginx, is ready when pretix's health check passes through it. */
    private Readiness web(DeployedNode node) {
        WebView view = observer.web(node);
        return Readiness.of(view.healthy(), view.reachable() ? "healthcheck " + view.status() + " " + view.problem()
                : view.problem());
    }

    private Readiness toxiproxy(DeployedNode node) {
        ToxiproxyView view = observer.toxiproxy(node);
        List<String> expected = topology.links().stream().map(Link::name).toList();
        return Readiness.of(view.linkNames().containsAll(expected),
                view.reachable() ? "links " + view.linkNames() : view.error());
    }
}
