package pretix.resilience.stack.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Ports;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import pretix.resilience.client.PretixClient;
import pretix.resilience.client.Quickstart;
import pretix.resilience.engine.Engine;
import pretix.resilience.engine.docker.Docker;
import pretix.resilience.roles.RoleObserver;
import pretix.resilience.roles.RoleSnapshot;
import pretix.resilience.stack.DeployedNode;
import pretix.resilience.stack.DeployedStack;
import pretix.resilience.stack.HostPort;
import pretix.resilience.stack.Link;
import pretix.resilience.stack.NodeClients;
import pretix.resilience.stack.Profile;
import pretix.resilience.stack.ShopAccess;
import pretix.resilience.stack.StackSecrets;
import pretix.resilience.stack.Tier;
import pretix.resilience.stack.Topology;
import pretix.resilience.engine.LaunchedStack;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

/** What every profile's complete stack must do once it reports ready, data tier and web tier. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StackContract {

    /**
     * A liveness bound for replication to reach a standby, not a timing goal: replication is
     * measured sub-second, and recovery-time SLOs are checked by the resilience suites.
     */
    private static final Duration REPLICATION_BOUND = Duration.ofSeconds(30);

    /** A liveness bound for the shops to notice a cut or restored link: their timeouts are 2 to 3 s. */
    private static final Duration HEALTH_BOUND = Duration.ofSeconds(30);
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration NODE_TIMEOUT = Duration.ofSeconds(5);

    /**
     * A liveness bound for an HAProxy to mark a server down: the seed profile's needs 3 checks
     * 2 s apart.
     */
    private static final Duration MARK_DOWN_BOUND = Duration.ofSeconds(60);

    private final Topology topology = Topology.defaults(profile());
    private final HttpClient http = HttpClient.newHttpClient();
    private final Engine engine = Machine.engine();
    private LaunchedStack stack;
    private DeployedStack deployed;
    private Quickstart.Event quickstart;

    abstract Profile profile();

    @BeforeAll
    void startStack() throws Exception {
        stack = engine.launch(topology, false, System.out::println);
        deployed = stack.deployed();
        try (Connection connection = connect(deployed.nodes(Tier.PGPOOL).get(0).servicePort())) {
            connection.createStatement().execute("create table probe (id text primary key, via text not null)");
        }
        quickstart = Quickstart.create(client(0));
    }

    @AfterAll
    void removeStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void everyNodeOfTheTopologyIsUp() {
        assertThat(deployed.nodes()).extracting(DeployedNode::node).containsExactlyInAnyOrderElementsOf(topology.allNodes());
        assertThat(stack.timeToReady()).isPositive();
    }

    @Test
    void aRowWrittenThroughEachPgpoolReachesEveryStandby() throws SQLException {
        for (DeployedNode pgpool : deployed.nodes(Tier.PGPOOL)) {
            String id = UUID.randomUUID().toString();
            try (Connection connection = connect(pgpool.servicePort());
                 PreparedStatement insert = connection.prepareStatement("insert into probe values (?, ?)")) {
                insert.setString(1, id);
                insert.setString(2, pgpool.name());
                assertThat(insert.executeUpdate()).isEqualTo(1);
            }
            for (DeployedNode standby : standbys()) {
                await("row written through " + pgpool.name() + " on " + standby.name())
                        .atMost(REPLICATION_BOUND).ignoreExceptions()
                        .until(() -> count(standby.servicePort(), "select count(*) from probe where id = ?", id) == 1);
            }
        }
    }

    @Test
    void aKeyWrittenThroughEachHaproxyReachesEveryReplica() {
        for (DeployedNode haproxy : deployed.nodes(Tier.HAPROXY)) {
            String key = "probe:" + UUID.randomUUID();
            try (Jedis jedis = jedis(haproxy.servicePort())) {
                assertThat(jedis.set(key, haproxy.name())).isEqualTo("OK");
            }
            for (DeployedNode replica : deployed.nodes(Tier.REDIS).subList(1, topology.count(Tier.REDIS))) {
                await("key written through " + haproxy.name() + " on " + replica.name())
                        .atMost(REPLICATION_BOUND).ignoreExceptions()
                        .until(() -> {
                            try (Jedis jedis = jedis(replica.servicePort())) {
                                return haproxy.name().equals(jedis.get(key));
                            }
                        });
            }
        }
    }

    @Test
    void exactlyOnePrimaryAndOneMasterOnWhichEveryObserverAgrees() {
        RoleSnapshot snapshot = new RoleObserver(engine).observe(deployed);

        assertThat(snapshot.postgresPrimaries()).containsExactly(topology.initialPrimary().name());
        assertThat(snapshot.agreedPostgresPrimary()).as("pgpool views %s", snapshot.pgpools())
                .contains(topology.initialPrimary().name());
        assertThat(snapshot.redisMasters()).containsExactly(topology.initialRedisMaster().name());
        assertThat(snapshot.agreedRedisMaster()).as("sentinels %s, haproxies %s", snapshot.sentinels(),
                snapshot.haproxies()).contains(topology.initialRedisMaster().name());
        assertThat(snapshot.postgres()).filteredOn(state -> !state.isPrimary())
                .allSatisfy(state -> assertThat(state.isStreamingStandby()).as(state.node()).isTrue());
    }

    @Test
    void replicationIsSynchronousExactlyWhenTheProfileSaysSo() {
        RoleSnapshot snapshot = new RoleObserver(engine).observe(deployed);
        String expected = profile().settings().synchronousReplication() ? "quorum" : "async";

        assertThat(snapshot.postgres()).filteredOn(state -> state.isPrimary()).singleElement()
                .satisfies(primary -> assertThat(primary.replicas())
                        .hasSize(topology.postgresStandbys())
                        .allSatisfy(replica -> assertThat(replica.syncState()).isEqualTo(expected)));
    }

    @Test
    void everyTierIsAsHealthyAsTheTopologyAsks() {
        RoleSnapshot snapshot = new RoleObserver(engine).observe(deployed);

        for (Tier tier : Tier.values()) {
            assertThat(snapshot.healthy(tier)).as("%s: %s", tier, snapshot).isEqualTo(topology.count(tier));
        }
    }

    @Test
    void ordersPlacedThroughEachNginxReachThePrimaryAndEveryStandby() throws Exception {
        for (int nginx = 0; nginx < topology.count(Tier.NGINX); nginx++) {
            String code = client(nginx).placeOrder(quickstart.slug(), quickstart.items(), "buyer@example.org",
                    UUID.randomUUID().toString()).expectSuccess("an order through nginx" + nginx).get("code").asText();
            for (DeployedNode postgres : deployed.nodes(Tier.POSTGRES)) {
                await("order " + code + " on " + postgres.name()).atMost(REPLICATION_BOUND).ignoreExceptions()
                        .until(() -> count(postgres.servicePort(), "select count(*) from orders where code = ?", code) == 1);
            }
        }
    }

    @Test
    void twentyBuyersForTenTicketsGetExactlyTenOrdersAndPretixsRefusalForTheRest() throws Exception {
        PretixClient admin = client(0);
        admin.createEvent("rush", "Rush").expectSuccess("creating the event");
        int item = admin.createItem("rush", "Ticket", new BigDecimal("10.00")).expectSuccess("creating the item")
                .get("id").asInt();
        int quota = admin.createQuota("rush", "Tickets", 10, List.of(item)).expectSuccess("creating the quota")
                .get("id").asInt();
        ExecutorService buyers = Executors.newFixedThreadPool(20);
        try {
            List<Future<PretixClient.Answer>> answers = new ArrayList<>();
            for (int buyer = 0; buyer < 20; buyer++) {
                PretixClient client = client(buyer % topology.count(Tier.NGINX));
                answers.add(buyers.submit(() -> client.placeOrder("rush", List.of(item), "rush@example.org",
                        UUID.randomUUID().toString())));
            }
            List<PretixClient.Answer> done = new ArrayList<>();
            for (Future<PretixClient.Answer> answer : answers) {
                done.add(answer.get());
            }
            assertThat(done).extracting(PretixClient.Answer::status).as("statuses; answers: %s", done)
                    .filteredOn(status -> status == 201).hasSize(10);
            assertThat(done).filteredOn(answer -> answer.status() == 400).hasSize(10)
                    .allSatisfy(answer -> assertThat(answer.body()).contains("There is not enough quota available"));
        } finally {
            buyers.shutdownNow();
        }
        assertThat(client(1).get("events/rush/quotas/" + quota + "/availability/").expectSuccess("availability")
                .get("available_number").asInt()).isZero();
    }

    @Test
    void aRepeatThroughTheOtherNginxReturnsTheFirstAnswer() throws Exception {
        String key = UUID.randomUUID().toString();
        PretixClient.Answer first = client(0).placeOrder(quickstart.slug(), quickstart.items(), "once@example.org", key);
        PretixClient.Answer repeat = client(1).placeOrder(quickstart.slug(), quickstart.items(), "once@example.org", key);

        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(repeat.status()).isEqualTo(201);
        assertThat(repeat.body()).isEqualTo(first.body());
    }

    /** No service lets a client in without the stack's password, nor with another one. */
    @Test
    void everyServiceRefusesAClientWithoutItsPasswordOrWithAWrongOne() {
        NodeClients wrong = StackSecrets.random().clients();
        for (Tier tier : List.of(Tier.POSTGRES, Tier.PGPOOL)) {
            HostPort target = deployed.nodes(tier).get(0).servicePort();
            assertThatThrownBy(() -> DriverManager.getConnection("jdbc:postgresql://" + target
                    + "/postgres?user=postgres&connectTimeout=5").close()).as(tier.image() + " without a password")
                    .isInstanceOf(SQLException.class).hasMessageContaining("SCRAM");
            assertThatThrownBy(() -> wrong.postgres(target, NODE_TIMEOUT).close()).as(tier.image() + ", wrong password")
                    .isInstanceOf(SQLException.class).hasMessageContaining("authentication failed");
        }
        for (Tier tier : List.of(Tier.REDIS, Tier.HAPROXY, Tier.SENTINEL)) {
            HostPort target = deployed.nodes(tier).get(0).servicePort();
            try (Jedis anonymous = new Jedis(target.host(), target.port(), (int) NODE_TIMEOUT.toMillis())) {
                assertThatThrownBy(anonymous::ping).as(tier.image() + " without a password")
                        .isInstanceOf(JedisDataException.class).hasMessageContaining("NOAUTH");
            }
            assertThatThrownBy(() -> (tier == Tier.SENTINEL ? wrong.sentinel(target, NODE_TIMEOUT)
                    : wrong.redis(target, NODE_TIMEOUT)).ping()).as(tier.image() + ", wrong password")
                    .isInstanceOf(JedisDataException.class).hasMessageContaining("WRONGPASS");
        }
    }

    /** Every process of the stack runs as a user without privileges and without capabilities, reachable from this host only. */
    @Test
    void everyNodeRunsWithoutPrivilegesAndPublishesItsPortsOnLoopbackOnly() {
        for (DeployedNode node : deployed.nodes()) {
            InspectContainerResponse container = Docker.client().inspectContainerCmd(node.containerId()).exec();
            assertThat(container.getConfig().getUser()).as(node.name()).isNotBlank().isNotIn("root", "0");
            assertThat(container.getHostConfig().getCapDrop()).as(node.name()).containsExactly(Capability.ALL);
            assertThat(container.getHostConfig().getSecurityOpts()).as(node.name()).contains("no-new-privileges");
            assertThat(container.getHostConfig().getPortBindings().getBindings().values()).as(node.name()).isNotEmpty()
                    .allSatisfy(bindings -> assertThat(bindings).extracting(Ports.Binding::getHostIp)
                            .containsOnly("127.0.0.1"));
        }
    }

    @Test
    void malformedRequestsGetPretixStyleClientErrors() throws Exception {
        String orders = "events/" + quickstart.slug() + "/orders/";
        assertThat(client(0).request("POST", orders, "{not json", null).status()).isEqualTo(400);
        PretixClient.Answer unknownItem = client(0).placeOrder(quickstart.slug(), List.of(999_999), "x@example.org", null);
        assertThat(unknownItem.status()).isEqualTo(400);
        assertThat(unknownItem.body()).contains("Invalid pk \\\"999999\\\" - object does not exist.");
        String url = deployed.shopUrls().get(0);
        assertThat(new PretixClient(url, ShopAccess.ORGANIZER, null, CLIENT_TIMEOUT).get(orders))
                .satisfies(answer -> assertThat(answer.status()).isEqualTo(401))
                .satisfies(answer -> assertThat(answer.body()).contains("Authentication credentials were not provided."));
        assertThat(new PretixClient(url, ShopAccess.ORGANIZER, "wrong", CLIENT_TIMEOUT).get(orders))
                .satisfies(answer -> assertThat(answer.status()).isEqualTo(401))
                .satisfies(answer -> assertThat(answer.body()).contains("Invalid token."));
    }

    @Test
    void theHealthcheckTurns503WhenTheDatabaseOrRedisLinkIsCutAndRecoversWhenRestored() throws Exception {
        ToxiproxyClient toxiproxy = toxiproxy();
        for (Link.Kind kind : List.of(Link.Kind.SHOP_PGPOOL, Link.Kind.SHOP_HAPROXY)) {
            List<Proxy> links = new ArrayList<>();
            for (Link link : topology.links()) {
                if (link.kind() == kind) {
                    links.add(toxiproxy.getProxy(link.name()));
                }
            }
            try {
                for (Proxy link : links) {
                    link.disable();
                }
                await("healthcheck 503 with every " + kind.prefix() + " link cut").atMost(HEALTH_BOUND)
                        .until(this::healthcheckStatus, status -> status == 503);
            } finally {
                for (Proxy link : links) {
                    link.enable();
                }
            }
            await("healthcheck 200 with the " + kind.prefix() + " links restored").atMost(HEALTH_BOUND)
                    .until(this::healthcheckStatus, status -> status == 200);
        }
    }

    /**
     * What made a seed run's verdict depend on the run before it: a client that an HAProxy routed
     * to a node that is not the master (in the seconds before its check marks a demoted master
     * down) stays bound to that node unless the HAProxy cuts the sessions of a server it marks
     * down. Every write of such a client is refused, and the stack is not as good as a fresh one
     * until the client lets go. The HAProxy's checks of one replica are switched off, as the
     * misroute fault does, to route a client there; switching them on is the mark-down.
     */
    @Test
    void aClientRoutedToAReplicaIsCutWhenItsHaproxyMarksTheReplicaDownOrNamedAsPinned() throws Exception {
        RoleObserver observer = new RoleObserver(engine);
        String master = observer.observe(deployed, false).agreedRedisMaster().orElseThrow();
        String replica = deployed.nodes(Tier.REDIS).stream().map(DeployedNode::name).filter(name -> !name.equals(master))
                .findFirst().orElseThrow();
        // Not the first HAProxy: the shops use it, and a connection of theirs routed there would stay too.
        DeployedNode haproxy = deployed.nodes(Tier.HAPROXY).get(1);
        haproxyRuntime(haproxy, "disable health redis/" + replica, "set server redis/" + replica + " health up");
        Jedis pinned = await("a client routed to " + replica).atMost(MARK_DOWN_BOUND).until(() -> {
            Jedis client = jedis(haproxy.servicePort());
            if ("slave".equals(client.role().get(0).toString())) {
                return client;
            }
            client.close();
            return null;
        }, client -> client != null);
        try (pinned) {
            haproxyRuntime(haproxy, "enable health redis/" + replica);
            // Asking only the HAProxy until then: a shop's health check would open pool connections through it.
            await(haproxy.name() + " routing to " + master + " alone").atMost(MARK_DOWN_BOUND)
                    .until(() -> observer.haproxy(deployed.clients(), haproxy).upServers(), List.of(master)::equals);
            RoleSnapshot marked = observer.observe(deployed, false);

            if (profile().settings().haproxyCheck().shutdownSessionsOnDown()) {
                assertThatThrownBy(() -> pinned.set("pinned", "1")).isInstanceOf(JedisConnectionException.class);
                assertThat(marked.pinnedSessions()).isEmpty();
            } else {
                assertThatThrownBy(() -> pinned.set("pinned", "1")).isInstanceOf(JedisDataException.class)
                        .hasMessageStartingWith("READONLY");
                assertThat(marked.pinnedSessions()).containsExactly(haproxy.name() + " holds 1 client session on "
                        + replica + ", which is not the master " + master);
                assertThat(marked.problems(topology)).isEqualTo(marked.pinnedSessions());
            }
        }
        await("nothing left behind once the client let go").atMost(MARK_DOWN_BOUND)
                .until(() -> observer.observe(deployed, false).problems(topology), List::isEmpty);
    }

    private void haproxyRuntime(DeployedNode haproxy, String... commands) {
        for (String command : commands) {
            engine.exec(haproxy, List.of(), Duration.ofSeconds(10),
                    "sh", "-c", "echo '" + command + "' | socat stdio /tmp/haproxy.sock");
        }
    }

    private int healthcheckStatus() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(deployed.shopUrls().get(0) + "/healthcheck/"))
                .timeout(CLIENT_TIMEOUT).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private PretixClient client(int nginx) {
        ShopAccess access = deployed.shopAccess();
        return new PretixClient(deployed.shopUrls().get(nginx), access.organizer(), access.token(), CLIENT_TIMEOUT);
    }

    private ToxiproxyClient toxiproxy() {
        HostPort api = deployed.nodes(Tier.TOXIPROXY).get(0).servicePort();
        return new ToxiproxyClient(api.host(), api.port());
    }

    private List<DeployedNode> standbys() {
        return deployed.nodes(Tier.POSTGRES).stream()
                .filter(node -> !node.node().equals(topology.initialPrimary())).toList();
    }

    private int count(HostPort target, String sql, String parameter) throws SQLException {
        try (Connection connection = connect(target);
             PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, parameter);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private Connection connect(HostPort target) throws SQLException {
        return deployed.clients().postgres(target, NODE_TIMEOUT);
    }

    private Jedis jedis(HostPort target) {
        return deployed.clients().redis(target, NODE_TIMEOUT);
    }
}
