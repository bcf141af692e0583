package pretix.resilience.stack.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import pretix.resilience.engine.docker.Docker;
import pretix.resilience.engine.docker.Labels;
import pretix.resilience.shop.ShopServer;
import pretix.resilience.shop.ShopSettings;
import pretix.resilience.ProjectHome;
import pretix.resilience.engine.docker.image.StackImages;
import pretix.resilience.engine.docker.launch.SecretFiles;
import pretix.resilience.stack.StackSecret;
import pretix.resilience.stack.StackSecrets;
import pretix.resilience.stack.Tier;
import redis.clients.jedis.HostAndPort;

/** The shop's pretix API on one real PostgreSQL and one real Redis (our images). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShopIT {

    private static final String TOKEN = "test-token";
    private static final StackSecrets SECRETS = StackSecrets.random();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private GenericContainer<?> postgres;
    private GenericContainer<?> redis;
    private ShopServer shop;
    private String base;

    @BeforeAll
    void start() throws Exception {
        StackImages images = new StackImages(Docker.client(), ProjectHome.imagesDirectory(), System.out::println);
        Map<String, String> names = images.ensureBuilt(List.of(images.source("postgres"), images.source("redis")));
        Map<String, String> labels = Labels.forStack("shop-it", "none");
        postgres = SecretFiles.give(new GenericContainer<>(names.get("postgres")), Tier.POSTGRES, SECRETS)
                .withExposedPorts(5432).withLabels(labels)
                // No disk of its own to fill here: the WAL goes to the container's /tmp.
                .withEnv(Map.of("NODE_NAME", "pg0", "PG_NODES", "pg0", "INITIAL_PRIMARY", "pg0", "WAL_LOG_HINTS", "off",
                        "PGPOOL_NODES", "none", "PGPOOL_WATCHDOG", "off", "PCP_USER", "pgpool",
                        "WAL_DISK", "/tmp"))
                .waitingFor(Wait.forLogMessage(".*database system is ready to accept connections.*", 1));
        redis = SecretFiles.give(new GenericContainer<>(names.get("redis")), Tier.REDIS, SECRETS)
                .withExposedPorts(6379).withLabels(labels)
                .withEnv(Map.of("NODE_NAME", "redis", "INITIAL_MASTER", "redis", "MASTER_NAME", "pretix",
                        "SENTINEL_NODES", "none", "ASK_SENTINELS", "no", "MIN_REPLICAS_TO_WRITE", "0"))
                .waitingFor(Wait.forLogMessage(".*Ready to accept connections.*", 1));
        postgres.start();
        redis.start();
        shop = ShopServer.start(new ShopSettings(0, jdbcUrl(), "postgres", SECRETS.get(StackSecret.POSTGRES_PASSWORD),
                List.of(new HostAndPort(redis.getHost(), redis.getMappedPort(6379))),
                SECRETS.get(StackSecret.REDIS_PASSWORD), 16, null, null));
        shop.createOrganizer("demo", TOKEN);
        base = "http://127.0.0.1:" + shop.port() + "/api/v1/organizers/demo/events/";
    }

    private Connection database() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), "postgres", SECRETS.get(StackSecret.POSTGRES_PASSWORD));
    }

    private String jdbcUrl() {
        return "jdbc:postgresql://" + postgres.getHost() + ":" + postgres.getMappedPort(5432) + "/postgres";
    }

    @AfterAll
    void stop() {
        if (shop != null) {
            shop.close();
        }
        for (GenericContainer<?> container : new GenericContainer<?>[] {redis, postgres}) {
            if (container != null) {
                container.stop();
            }
        }
    }

    @Test
    void anOrderIsCreatedWithPretixsShapeAndCanBeReadBack() throws Exception {
        int item = event("orders", 100).item();
        JsonNode order = post(base + "orders/orders/", orderFor(item), null);

        assertThat(order.get("code").asText()).matches("[A-Z0-9]{5}");
        assertThat(order.get("status").asText()).isEqualTo("p");
        assertThat(order.get("total").asText()).isEqualTo("10.00");
        assertThat(order.get("secret").asText()).isNotBlank();
        assertThat(order.get("datetime").asText()).isNotBlank();
        assertThat(order.get("positions")).singleElement()
                .satisfies(position -> assertThat(position.get("item").asInt()).isEqualTo(item));

        JsonNode read = get(base + "orders/orders/" + order.get("code").asText() + "/");
        assertThat(read.get("code")).isEqualTo(order.get("code"));
        assertThat(get(base + "orders/orders/").get("count").asInt()).isEqualTo(1);
    }

    @Test
    void twentyConcurrentBuyersForTenTicketsGetExactlyTenOrders() throws Exception {
        EventIds rush = event("rush", 10);
        int item = rush.item();
        ExecutorService buyers = Executors.newFixedThreadPool(20);
        List<Future<HttpResponse<String>>> attempts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Callable<HttpResponse<String>> buy = () -> send("POST", base + "rush/orders/", orderFor(item), TOKEN, null);
            attempts.add(buyers.submit(buy));
        }
        List<Integer> statuses = new ArrayList<>();
        List<String> refusals = new ArrayList<>();
        for (Future<HttpResponse<String>> attempt : attempts) {
            statuses.add(attempt.get().statusCode());
            if (attempt.get().statusCode() == 400) {
                refusals.add(attempt.get().body());
            }
        }
        buyers.shutdown();

        assertThat(statuses).filteredOn(status -> status == 201).hasSize(10);
        assertThat(statuses).filteredOn(status -> status == 400).hasSize(10);
        assertThat(refusals).allSatisfy(body -> assertThat(body).contains("There is not enough quota available"));
        JsonNode availability = get(base + "rush/quotas/" + rush.quota() + "/availability/");
        assertThat(availability.get("available_number").asInt()).isZero();
        assertThat(availability.get("paid_orders").asInt()).isEqualTo(10);
    }

    @Test
    void aRepeatedIdempotencyKeyReplaysTheFirstAnswer() throws Exception {
        int item = event("replay", 5).item();
        HttpResponse<String> first = send("POST", base + "replay/orders/", orderFor(item), TOKEN, "key-1");
        HttpResponse<String> repeat = send("POST", base + "replay/orders/", orderFor(item), TOKEN, "key-1");

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(repeat.statusCode()).isEqualTo(201);
        assertThat(repeat.body()).isEqualTo(first.body());
        assertThat(get(base + "replay/orders/").get("count").asInt()).isEqualTo(1);
    }

    @Test
    void aRepeatWhileTheFirstRequestStillRunsGets409AndTheFirstAnswerLater() throws Exception {
        EventIds held = event("held", 5);
        ExecutorService background = Executors.newSingleThreadExecutor();
        try (Connection blocker = database()) {
            // The first request waits on the quota lock this transaction holds.
            blocker.setAutoCommit(false);
            try (Statement statement = blocker.createStatement()) {
                statement.execute("select pg_advisory_xact_lock(" + held.quota() + ")");
            }
            Future<HttpResponse<String>> first = background.submit(
                    () -> send("POST", base + "held/orders/", orderFor(held.item()), TOKEN, "key-held"));
            await("the first request waiting on the quota lock").atMost(Duration.ofSeconds(10))
                    .until(() -> waitingAdvisoryLocks(blocker) == 1);

            HttpResponse<String> repeat = send("POST", base + "held/orders/", orderFor(held.item()), TOKEN, "key-held");
            assertThat(repeat.statusCode()).as(repeat.body()).isEqualTo(409);
            assertThat(repeat.headers().firstValue("Retry-After")).isPresent();

            blocker.commit();
            HttpResponse<String> answer = first.get();
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
            HttpResponse<String> later = send("POST", base + "held/orders/", orderFor(held.item()), TOKEN, "key-held");
            assertThat(later.body()).isEqualTo(answer.body());
        } finally {
            background.shutdownNow();
        }
        assertThat(get(base + "held/orders/").get("count").asInt()).isEqualTo(1);
    }

    /** What a dead pgpool leaves in the pool: connections that fail their next statement. */
    @Test
    void ordersSucceedAfterEveryPooledConnectionWasCut() throws Exception {
        int item = event("cut", 100).item();
        for (int i = 0; i < 20; i++) {
            post(base + "cut/orders/", orderFor(item), null);
        }
        try (Connection admin = database();
             Statement statement = admin.createStatement();
             ResultSet cut = statement.executeQuery("select count(pg_terminate_backend(pid)) from pg_stat_activity"
                     + " where backend_type = 'client backend' and pid <> pg_backend_pid()")) {
            cut.next();
            assertThat(cut.getInt(1)).as("pooled connections cut").isGreaterThan(1);
        }

        for (int i = 0; i < 5; i++) {
            HttpResponse<String> order = send("POST", base + "cut/orders/", orderFor(item), TOKEN, null);
            assertThat(order.statusCode()).as(order.body()).isEqualTo(201);
        }
        assertThat(get(base + "cut/orders/").get("count").asInt()).isEqualTo(25);
    }

    private static int waitingAdvisoryLocks(Connection connection) throws Exception {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(
                "select count(*) from pg_locks where locktype = 'advisory' and not granted")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    @Test
    void badRequestsGetPretixStyleAnswers() throws Exception {
        int item = event("errors", 5).item();
        assertThat(send("POST", base + "errors/orders/", "{not json", TOKEN, null).statusCode()).isEqualTo(400);
        HttpResponse<String> unknownItem = send("POST", base + "errors/orders/", orderFor(item + 1000), TOKEN, null);
        assertThat(unknownItem.statusCode()).isEqualTo(400);
        assertThat(unknownItem.body()).contains("Invalid pk \\\"" + (item + 1000) + "\\\" - object does not exist.");
        HttpResponse<String> noToken = send("GET", base + "errors/orders/", null, null, null);
        assertThat(noToken.statusCode()).isEqualTo(401);
        assertThat(noToken.body()).contains("Authentication credentials were not provided.");
        assertThat(send("GET", base + "errors/orders/", null, "wrong", null).body()).contains("Invalid token.");
        assertThat(send("GET", base.replace("/demo/", "/other/") + "errors/", null, TOKEN, null).statusCode())
                .isEqualTo(403);
        assertThat(send("GET", base + "missing/", null, TOKEN, null).statusCode()).isEqualTo(404);
    }

    @Test
    void theHealthcheckAnswers503WhileRedisIsFrozenAndRecovers() throws Exception {
        String healthcheck = "http://127.0.0.1:" + shop.port() + "/healthcheck/";
        assertThat(send("GET", healthcheck, null, null, null).statusCode()).isEqualTo(200);

        Docker.client().pauseContainerCmd(redis.getContainerId()).exec();
        try {
            HttpResponse<String> frozen = send("GET", healthcheck, null, null, null);
            assertThat(frozen.statusCode()).isEqualTo(503);
            assertThat(frozen.body()).contains("cache");
        } finally {
            Docker.client().unpauseContainerCmd(redis.getContainerId()).exec();
        }
        await("healthcheck after thawing Redis").atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> send("GET", healthcheck, null, null, null).statusCode() == 200);
    }

    /** The ids of an event's one item (10.00) and one quota. */
    private record EventIds(int item, int quota) {}

    private EventIds event(String slug, int quota) throws Exception {
        post(base, "{\"slug\":\"" + slug + "\",\"name\":{\"en\":\"" + slug + "\"}}", null);
        int item = post(base + slug + "/items/", "{\"name\":{\"en\":\"Ticket\"},\"default_price\":\"10.00\"}", null)
                .get("id").asInt();
        int quotaId = post(base + slug + "/quotas/", "{\"name\":\"Tickets\",\"size\":" + quota + ",\"items\":["
                + item + "],\"variations\":[],\"subevent\":null}", null).get("id").asInt();
        return new EventIds(item, quotaId);
    }

    private static String orderFor(int item) {
        return "{\"email\":\"buyer@example.org\",\"locale\":\"en\",\"sales_channel\":\"web\",\"status\":\"p\","
                + "\"payment_provider\":\"manual\",\"positions\":[{\"item\":" + item
                + ",\"variation\":null,\"price\":\"10.00\"}]}";
    }

    private JsonNode get(String url) throws Exception {
        HttpResponse<String> response = send("GET", url, null, TOKEN, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private JsonNode post(String url, String body, String key) throws Exception {
        HttpResponse<String> response = send("POST", url, body, TOKEN, key);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> send(String method, String url, String body, String token, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Token " + token);
        }
        if (key != null) {
            request.header("X-Idempotency-Key", key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
