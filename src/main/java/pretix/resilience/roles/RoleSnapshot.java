package pretix.resilience.roles;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import pretix.resilience.stack.Tier;
import pretix.resilience.stack.Topology;

/**
 * Who holds which role at one instant, as every node and every observer (pgpool, sentinel,
 * HAProxy) reports it. The harness's single source for "who is primary / master now".
 */
public record RoleSnapshot(Instant at, List<PostgresNodeState> postgres, List<PgpoolView> pgpools,
                           List<RedisNodeState> redis, List<SentinelView> sentinels, List<HaproxyView> haproxies,
                           List<WebView> shops, List<WebView> nginxes, List<ToxiproxyView> toxiproxy) {

    /** PostgreSQL nodes that answer as primary (out of recovery). */
    public List<String> postgresPrimaries() {
        return postgres.stream().filter(PostgresNodeState::isPrimary).map(PostgresNodeState::node).toList();
    }

    /** Redis nodes that answer {@code ROLE} as master. */
    public List<String> redisMasters() {
        return redis.stream().filter(RedisNodeState::isMaster).map(RedisNodeState::node).toList();
    }

    /** The one primary, when exactly one node is primary and every reachable pgpool names it. */
    public Optional<String> agreedPostgresPrimary() {
        return agreed(postgresPrimaries(), pgpools.stream().filter(PgpoolView::reachable)
                .map(view -> view.primary().orElse(null)));
    }

    /**
     * The one master, when exactly one node is master, every reachable sentinel names it and
     * every reachable HAProxy routes to it alone.
     */
    public Optional<String> agreedRedisMaster() {
        Stream<String> sentinelMasters = sentinels.stream().filter(SentinelView::reachable).map(SentinelView::master);
        Stream<String> haproxyMasters = haproxies.stream().filter(HaproxyView::reachable)
                .map(view -> view.upServers().size() == 1 ? view.upServers().get(0) : null);
        return agreed(redisMasters(), Stream.concat(sentinelMasters, haproxyMasters));
    }

    /**
     * How many nodes of a tier do their job right now: a primary or a standby that streams from
     * it (the primary lists it as streaming: a standby that streams from a deposed primary, or
     * from nowhere that writes, has every order of the run missing, as seen on 6 Dec), a
     * pgpool that names a primary and uses every backend, a master or a connected replica, a sentinel that names a
     * master, an HAProxy that passes PING, a shop or nginx whose health check passes.
     */
    public int healthy(Tier tier) {
        return (int) switch (tier) {
            // A second primary or master is a split brain, not redundancy: it counts once.
            case POSTGRES -> Math.min(1, postgresPrimaries().size())
                    + postgres.stream().filter(PostgresNodeState::isStreamingStandby).filter(this::streamsFromAPrimary).count();
            // A backend pgpool detached is not used, whatever it is: the tier is whole once it is attached again.
            case PGPOOL -> pgpools.stream().filter(view -> view.reachable() && view.primary().isPresent()
                    && view.allBackendsUp(postgres.size())).count();
            case REDIS -> Math.min(1, redisMasters().size())
                    + redis.stream().filter(RedisNodeState::isConnectedReplica).count();
            case SENTINEL -> sentinels.stream().filter(view -> view.reachable() && view.master() != null).count();
            case HAPROXY -> haproxies.stream().filter(HaproxyView::pong).count();
            case SHOP -> shops.stream().filter(WebView::healthy).count();
            case NGINX -> nginxes.stream().filter(WebView::healthy).count();
            case TOXIPROXY -> toxiproxy.stream().filter(ToxiproxyView::reachable).count();
        };
    }

    private boolean streamsFromAPrimary(PostgresNodeState standby) {
        return postgres.stream().filter(PostgresNodeState::isPrimary).flatMap(primary -> primary.replicas().stream())
                .anyMatch(replica -> replica.standby().equals(standby.node()) && "streaming".equals(replica.state()));
    }

    /**
     * What keeps the stack from being as good as a fresh one, in words; empty when nothing does:
     * a tier with fewer healthy nodes than the topology asks, no single writer that every
     * observer names, or clients still bound through an HAProxy to a Redis node that is not the
     * master (an HAProxy that does not cut the sessions of a server it marks down keeps them
     * there, and each of their writes is refused with READONLY).
     */
    public List<String> problems(Topology topology) {
        List<String> problems = new ArrayList<>();
        for (Tier tier : Tier.values()) {
            int healthy = healthy(tier);
            if (healthy < topology.count(tier)) {
                problems.add(tier.image() + ": " + healthy + " of " + topology.count(tier) + " healthy");
            }
        }
        if (agreedPostgresPrimary().isEmpty()) {
            problems.add("no PostgreSQL primary that every pgpool names (primaries " + postgresPrimaries() + ")");
        }
        if (agreedRedisMaster().isEmpty()) {
            problems.add("no Redis master that every sentinel and HAProxy names (masters " + redisMasters() + ")");
        }
        problems.addAll(pinnedSessions());
        return problems;
    }

    /**
     * Client sessions an HAProxy still holds on a Redis node other than the agreed master, in
     * words. Waiting does not end them: the HAProxy no longer checks them and the clients keep
     * their pooled connections.
     */
    public List<String> pinnedSessions() {
        return agreedRedisMaster().map(master -> haproxies.stream().filter(HaproxyView::reachable)
                .flatMap(view -> view.sessionsOffMaster(master).entrySet().stream()
                        .map(server -> view.node() + " holds " + server.getValue() + " client session"
                                + (server.getValue() == 1 ? "" : "s") + " on " + server.getKey()
                                + ", which is not the master " + master))
                .toList()).orElse(List.of());
    }

    private static Optional<String> agreed(List<String> holders, Stream<String> observed) {
        if (holders.size() != 1) {
            return Optional.empty();
        }
        String holder = holders.get(0);
        return observed.allMatch(name -> Objects.equals(name, holder)) ? Optional.of(holder) : Optional.empty();
    }
}
