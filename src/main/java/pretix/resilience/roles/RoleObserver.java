package pretix.resilience.roles;

import pretix.resilience.stack.NodeClients;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import pretix.resilience.engine.Engine;
import pretix.resilience.stack.DeployedNode;
import pretix.resilience.stack.DeployedStack;
import pretix.resilience.stack.HostPort;
import pretix.resilience.stack.Tier;
import pretix.resilience.stack.Topology;
import redis.clients.jedis.Jedis;

/**
 * Asks every node and every observer of a stack who holds which role. Each question has a
 * short timeout: a dead or frozen node answers "unreachable" instead of stalling the snapshot.
 */
public final class RoleObserver implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofMillis(1500);
    private static final Pattern WATCHDOG_LEADER = Pattern.compile("Leader Host Name\\s*:\\s*(\\S+)");
    private static final Pattern WATCHDOG_ALIVE = Pattern.compile("Alive Remote Nodes\\s*:\\s*(\\d+)");
    private static final Pattern WATCHDOG_QUORUM = Pattern.compile("Quorum state\\s*:\\s*QUORUM EXIST");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Engine engine;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    /** Where the PostgreSQL nodes are asked over kept connections; null: a fresh login per question. */
    private final StandingPostgresConnections standing;

    public RoleObserver(Engine engine) {
        this(engine, null);
    }

    private RoleObserver(Engine engine, StandingPostgresConnections standing) {
        this.engine = engine;
        this.standing = standing;
    }

    /**
     * An observer that asks the PostgreSQL nodes of one stack over connections it keeps until
     * closed: for one that asks every second or faster, where a login per question costs the
     * stack more than the question.
     */
    public static RoleObserver keepingConnections(Engine engine, NodeClients clients) {
        return new RoleObserver(engine, new StandingPostgresConnections(clients, TIMEOUT));
    }

    public RoleSnapshot observe(DeployedStack stack) {
        return observe(stack, true);
    }

    /**
     * @param withWatchdog whether to ask each pgpool's watchdog too, by running a command in it:
     *                     slow, and not needed to know who is primary
     */
    public RoleSnapshot observe(DeployedStack stack, boolean withWatchdog) {
        Instant at = Instant.now();
        boolean watchdog = withWatchdog && stack.profile().settings().pgpoolWatchdog();
        NodeClients clients = stack.clients();
        var postgres = inParallel(stack.nodes(Tier.POSTGRES), node -> postgres(clients, node),
                PostgresNodeState::unreachable);
        var pgpools = inParallel(stack.nodes(Tier.PGPOOL), node -> pgpool(clients, node, watchdog),
                PgpoolView::unreachable);
        var redis = inParallel(stack.nodes(Tier.REDIS), node -> redis(clients, node), RedisNodeState::unreachable);
        var sentinels = inParallel(stack.nodes(Tier.SENTINEL), node -> sentinel(clients, node),
                SentinelView::unreachable);
        var haproxies = inParallel(stack.nodes(Tier.HAPROXY), node -> haproxy(clients, node), HaproxyView::unreachable);
        var shops = inParallel(stack.nodes(Tier.SHOP), this::web, WebView::unreachable);
        var nginxes = inParallel(stack.nodes(Tier.NGINX), this::web, WebView::unreachable);
        var toxiproxy = inParallel(stack.nodes(Tier.TOXIPROXY), this::toxiproxy, ToxiproxyView::unreachable);
        return new RoleSnapshot(at, postgres.join(), pgpools.join(), redis.join(), sentinels.join(), haproxies.join(),
                shops.join(), nginxes.join(), toxiproxy.join());
    }

    /** Every pgpool of the stack, asked at once. */
    public List<PgpoolView> pgpools(DeployedStack stack, boolean withWatchdog) {
        return inParallel(stack.nodes(Tier.PGPOOL), node -> pgpool(stack.clients(), node, withWatchdog),
                PgpoolView::unreachable).join();
    }

    public PostgresNodeState postgres(NodeClients clients, DeployedNode node) {
        try {
            return query(clients, node, connection -> postgresState(node, connection));
        } catch (SQLException e) {
            return PostgresNodeState.unreachable(node.name(), e.getMessage());
        }
    }

    private static PostgresNodeState postgresState(DeployedNode node, Connection connection) throws SQLException {
        boolean inRecovery = queryOne(connection, "select pg_is_in_recovery()").equals("t");
        String receiver = inRecovery ? queryOne(connection,
                "select coalesce((select status from pg_stat_wal_receiver), 'stopped')") : null;
        List<PostgresNodeState.Replica> replicas = new ArrayList<>();
        if (!inRecovery) {
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("select application_name, state, sync_state,"
                         + " coalesce(pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn), 0)::bigint,"
                         + " coalesce(extract(epoch from replay_lag) * 1000, 0)::bigint"
                         + " from pg_stat_replication order by application_name")) {
                while (rows.next()) {
                    replicas.add(new PostgresNodeState.Replica(rows.getString(1), rows.getString(2),
                            rows.getString(3), rows.getLong(4), rows.getLong(5)));
                }
            }
        }
        return new PostgresNodeState(node.name(), true, inRecovery, receiver, replicas, null);
    }

    public PgpoolView pgpool(NodeClients clients, DeployedNode node, boolean watchdog) {
        List<PgpoolView.Backend> backends;
        try {
            // Always a fresh session: pgpool shows a backend it attached as "waiting" until a new
            // session uses it, which a kept session never is. Not SHOW pool_nodes: since pgpool
            // 4.3 it logs in to every backend for its pg_status and pg_role columns, which cost
            // 30-50 ms of CPU each on a slow machine and starved pgpool's own health checks into
            // false failovers while the harness asked several times a second.
            backends = freshSession(clients, node, connection -> {
                List<PgpoolView.Backend> rowsRead = new ArrayList<>();
                try (Statement statement = connection.createStatement();
                     ResultSet rows = statement.executeQuery("show pool_backend_stats")) {
                    while (rows.next()) {
                        rowsRead.add(new PgpoolView.Backend(rows.getString("hostname"), rows.getString("status"),
                                rows.getString("role")));
                    }
                }
                return rowsRead;
            });
        } catch (SQLException e) {
            return PgpoolView.unreachable(node.name(), e.getMessage());
        }
        try {
            return new PgpoolView(node.name(), true, backends, watchdog ? watchdog(node) : null, null);
        } catch (RuntimeException e) {
            return new PgpoolView(node.name(), true, backends, null, "watchdog: " + e.getMessage());
        }
    }

    public RedisNodeState redis(NodeClients clients, DeployedNode node) {
        try (Jedis jedis = clients.redis(node.servicePort(), TIMEOUT)) {
            List<Object> role = jedis.role();
            String kind = text(role.get(0));
            if (kind.equals("master")) {
                return new RedisNodeState(node.name(), true, kind, null, null, ((List<?>) role.get(2)).size(), null);
            }
            return new RedisNodeState(node.name(), true, kind, text(role.get(1)), text(role.get(3)), 0, null);
        } catch (RuntimeException e) {
            return RedisNodeState.unreachable(node.name(), e.getMessage());
        }
    }

    public SentinelView sentinel(NodeClients clients, DeployedNode node) {
        String name = Topology.REDIS_MASTER_NAME;
        try (Jedis jedis = clients.sentinel(node.servicePort(), TIMEOUT)) {
            List<String> master = jedis.sentinelGetMasterAddrByName(name);
            return new SentinelView(node.name(), true, master == null || master.isEmpty() ? null : master.get(0),
                    jedis.sentinelReplicas(name).size(), jedis.sentinelSentinels(name).size(), null);
        } catch (RuntimeException e) {
            return SentinelView.unreachable(node.name(), e.getMessage());
        }
    }

    public HaproxyView haproxy(NodeClients clients, DeployedNode node) {
        String stats;
        try {
            stats = get(node.port(8404), "/stats;csv").body();
        } catch (IOException e) {
            return HaproxyView.unreachable(node.name(), String.valueOf(e.getMessage()));
        }
        boolean pong;
        try (Jedis jedis = clients.redis(node.servicePort(), TIMEOUT)) {
            pong = "PONG".equals(jedis.ping());
        } catch (RuntimeException e) {
            pong = false;
        }
        return new HaproxyView(node.name(), true, upServers(stats), sessions(stats), pong, null);
    }

    /** pretix's health check, asked of a shop replica directly or of an nginx in front of them all. */
    public WebView web(DeployedNode node) {
        try {
            HttpResponse<String> answer = get(node.servicePort(), "/healthcheck/");
            return new WebView(node.name(), true, answer.statusCode(),
                    answer.statusCode() == 200 ? null : answer.body().replaceAll("\\s+", " ").strip());
        } catch (IOException e) {
            return WebView.unreachable(node.name(), String.valueOf(e.getMessage()));
        }
    }

    public ToxiproxyView toxiproxy(DeployedNode node) {
        try {
            JsonNode proxies = JSON.readTree(get(node.servicePort(), "/proxies").body());
            List<ToxiproxyView.LinkState> links = new ArrayList<>();
            proxies.forEach(proxy -> {
                List<String> toxics = new ArrayList<>();
                proxy.path("toxics").forEach(toxic -> toxics.add(toxic.path("name").asText()));
                links.add(new ToxiproxyView.LinkState(proxy.path("name").asText(), proxy.path("upstream").asText(),
                        proxy.path("enabled").asBoolean(), toxics));
            });
            links.sort(Comparator.comparing(ToxiproxyView.LinkState::name));
            return new ToxiproxyView(node.name(), true, links, null);
        } catch (IOException e) {
            return ToxiproxyView.unreachable(node.name(), String.valueOf(e.getMessage()));
        }
    }

    private HttpResponse<String> get(HostPort target, String path) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + target + path))
                .timeout(TIMEOUT).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private PgpoolView.Watchdog watchdog(DeployedNode node) {
        String info = engine.exec(node, List.of("PCPPASSFILE=/tmp/.pcppass"), TIMEOUT.multipliedBy(2),
                "pcp_watchdog_info", "-h", "localhost", "-p", "9898", "-U", "pgpool", "-w", "-v");
        Matcher leader = WATCHDOG_LEADER.matcher(info);
        Matcher alive = WATCHDOG_ALIVE.matcher(info);
        return new PgpoolView.Watchdog(leader.find() ? leader.group(1) : null,
                alive.find() ? Integer.parseInt(alive.group(1)) : 0, WATCHDOG_QUORUM.matcher(info).find());
    }

    /** Server names of the {@code redis} backend whose status is UP, from HAProxy's CSV statistics. */
    static List<String> upServers(String csv) {
        return redisServers(csv).filter(server -> server.get("status").startsWith("UP"))
                .map(server -> server.get("svname")).toList();
    }

    /** Current client sessions (HAProxy's {@code scur}) per Redis server. */
    static Map<String, Integer> sessions(String csv) {
        Map<String, Integer> sessions = new TreeMap<>();
        redisServers(csv).forEach(server -> sessions.put(server.get("svname"), Integer.parseInt(server.get("scur"))));
        return sessions;
    }

    /** The rows of the {@code redis} backend's servers in HAProxy's stats CSV, by column name. */
    private static Stream<Map<String, String>> redisServers(String csv) {
        String[] lines = csv.split("\n");
        List<String> header = Arrays.asList(lines[0].replaceFirst("^# ", "").split(","));
        return Arrays.stream(lines).skip(1).map(line -> line.split(",", -1))
                .filter(fields -> fields.length >= header.size() - 1)
                .map(fields -> {
                    Map<String, String> row = new HashMap<>();
                    for (int i = 0; i < Math.min(fields.length, header.size()); i++) {
                        row.put(header.get(i), fields[i]);
                    }
                    return row;
                })
                .filter(row -> "redis".equals(row.get("pxname")))
                .filter(row -> !row.get("svname").equals("BACKEND") && !row.get("svname").equals("FRONTEND"));
    }

    private <T> T query(NodeClients clients, DeployedNode node, StandingPostgresConnections.Question<T> question)
            throws SQLException {
        if (standing != null) {
            return standing.ask(node, question)
                    .orElseThrow(() -> new SQLException("still waiting for the answer to the last question"));
        }
        return freshSession(clients, node, question);
    }

    private static <T> T freshSession(NodeClients clients, DeployedNode node,
                                      StandingPostgresConnections.Question<T> question) throws SQLException {
        try (Connection connection = connect(clients, node.servicePort())) {
            return question.ask(connection);
        }
    }

    @Override
    public void close() {
        if (standing != null) {
            standing.close();
        }
    }

    private static Connection connect(NodeClients clients, HostPort target) throws SQLException {
        Properties properties = clients.postgresProperties(TIMEOUT);
        // pgpool answers its SHOW commands only in the simple query protocol
        properties.setProperty("preferQueryMode", "simple");
        return clients.postgres(target, properties);
    }

    private static String queryOne(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static String text(Object value) {
        return value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
                : String.valueOf(value);
    }

    /** Reads every node at once; a stopped container is unreachable without asking. */
    private static <T> CompletableFuture<List<T>> inParallel(List<DeployedNode> nodes, Function<DeployedNode, T> read,
                                                             BiFunction<String, String, T> unreachable) {
        List<CompletableFuture<T>> reads = nodes.stream()
                .map(node -> node.running() ? CompletableFuture.supplyAsync(() -> read.apply(node))
                        : CompletableFuture.completedFuture(unreachable.apply(node.name(), "container not running")))
                .toList();
        return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new))
                .thenApply(done -> reads.stream().map(CompletableFuture::join).toList());
    }
}
