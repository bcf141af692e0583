package pretix.resilience.shop;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.postgresql.ds.PGSimpleDataSource;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import pretix.resilience.shop.http.ShopApi;

/**
 * The web tier: the part of pretix's REST API a ticket purchase uses, with pretix's semantics,
 * on PostgreSQL (through pgpool) and Redis (through HAProxy).
 */
public final class ShopServer implements ShopApi.Shop, AutoCloseable {

    private static final Duration DATABASE_WAIT = Duration.ofMinutes(2);
    private static final Duration DATABASE_RETRY_PAUSE = Duration.ofMillis(250);

    private final HikariDataSource database;
    private final FailoverRedis cache;
    private final Catalog catalog;
    private final Orders orders;
    private final Checkout checkout;
    private final Health health;
    private final ConnectionLossRetry retry;
    private final HttpServer http;

    private ShopServer(ShopSettings settings) throws Exception {
        // Before the pool, whose attempts back off while the database is not there yet.
        createSchema(settings);
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(settings.databaseUrl());
        pool.addDataSourceProperty("connectTimeout", "3");
        pool.addDataSourceProperty("socketTimeout", "10");
        pool.addDataSourceProperty("tcpKeepAlive", "true");
        // As pretix: a lock not had within 3 s (the quota lock above all) fails the request with 409.
        pool.setConnectionInitSql("set lock_timeout = '3s'");
        pool.setUsername(settings.databaseUser());
        pool.setPassword(settings.databasePassword());
        pool.setMaximumPoolSize(settings.databasePoolSize());
        pool.setConnectionTimeout(3000);
        pool.setInitializationFailTimeout(-1);
        database = new HikariDataSource(pool);
        retry = new ConnectionLossRetry(database);
        cache = new FailoverRedis(settings.redisEndpoints(), settings.redisPassword());
        catalog = new Catalog(database, cache);
        if (settings.organizer() != null && settings.apiToken() != null) {
            // A pgpool busy starting may drop or refuse the pool's first connections as well.
            whileTheDatabaseStarts(() -> catalog.createOrganizer(settings.organizer(), settings.organizer(),
                    settings.apiToken()));
        }
        orders = new Orders(database);
        checkout = new Checkout(database, orders);
        health = new Health(database, cache);
        ShopApi api = new ShopApi(this);
        http = HttpServer.create(new InetSocketAddress(settings.port()), 256);
        http.setExecutor(Executors.newFixedThreadPool(64));
        http.createContext("/", api::handle);
        http.start();
    }

    public static ShopServer start(ShopSettings settings) throws Exception {
        return new ShopServer(settings);
    }

    public int port() {
        return http.getAddress().getPort();
    }

    /** Creates an organizer and its API token, as pretix's admin does; repeating it changes nothing. */
    public void createOrganizer(String slug, String token) throws SQLException {
        catalog.createOrganizer(slug, slug, token);
    }

    public static void main(String[] args) throws Exception {
        ShopSettings settings = ShopSettings.fromEnvironment(System.getenv());
        ShopServer server = start(settings);
        System.out.printf("shop listening on port %d, database %s, redis %s%n", server.port(),
                settings.databaseUrl(), settings.redisEndpoints());
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        new CountDownLatch(1).await();
    }

    /**
     * The database may still be electing a primary when the shop starts: the schema is created on
     * a connection of its own at a time with a short connect timeout, so that the shop is ready
     * within a pause of the database (through the pool, each try waited out its 3 s timeout).
     */
    private static void createSchema(ShopSettings settings) throws Exception {
        PGSimpleDataSource direct = new PGSimpleDataSource();
        direct.setURL(settings.databaseUrl());
        direct.setUser(settings.databaseUser());
        direct.setPassword(settings.databasePassword());
        direct.setConnectTimeout(1);
        whileTheDatabaseStarts(() -> Schema.create(direct));
    }

    /** A step of the start that needs the database. */
    private interface DatabaseStep {
        void run() throws SQLException;
    }

    /** Runs the step until it succeeds, for at most two minutes. */
    private static void whileTheDatabaseStarts(DatabaseStep step) throws Exception {
        long deadline = System.nanoTime() + DATABASE_WAIT.toNanos();
        while (true) {
            try {
                step.run();
                return;
            } catch (SQLException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                System.err.println("shop: database not ready (" + e.getMessage() + "), retrying");
                Thread.sleep(DATABASE_RETRY_PAUSE.toMillis());
            }
        }
    }

    @Override
    public void close() {
        http.stop(0);
        cache.close();
        database.close();
    }

    @Override
    public String authenticate(String authorization) throws Exception {
        return retry.run(() -> catalog.authenticate(authorization));
    }

    @Override
    public JsonNode organizers(String organizer) {
        return catalog.organizers(organizer);
    }

    @Override
    public JsonNode createEvent(String organizer, String slug, String name) throws Exception {
        return catalog.createEvent(organizer, slug, name);
    }

    @Override
    public JsonNode event(String organizer, String event) throws Exception {
        return retry.run(() -> catalog.eventJson(catalog.event(organizer, event)));
    }

    @Override
    public JsonNode items(String organizer, String event) throws Exception {
        return retry.run(() -> catalog.items(catalog.event(organizer, event)));
    }

    @Override
    public JsonNode createItem(String organizer, String event, String name, BigDecimal price) throws Exception {
        return catalog.createItem(catalog.event(organizer, event), name, price);
    }

    @Override
    public JsonNode createQuota(String organizer, String event, String name, Integer size, List<Integer> items)
            throws Exception {
        return catalog.createQuota(catalog.event(organizer, event), name, size, items);
    }

    @Override
    public JsonNode availability(String organizer, String event, int quota) throws Exception {
        return retry.run(() -> orders.availability(catalog.event(organizer, event), quota));
    }

    @Override
    public ShopApi.Response placeOrder(String token, String key, String organizer, String event, JsonNode body)
            throws Exception {
        return retry.run(() -> {
            Catalog.Event found = catalog.event(organizer, event);
            ShopApi.Response response = checkout.place(token, key, found, body);
            if (response.status() == 201) {
                catalog.invalidate(found);
            }
            return response;
        });
    }

    @Override
    public JsonNode order(String organizer, String event, String code) throws Exception {
        return retry.run(() -> orders.get(catalog.event(organizer, event), code));
    }

    @Override
    public JsonNode orders(String organizer, String event, int page, String baseUrl) throws Exception {
        return retry.run(() -> orders.list(catalog.event(organizer, event), page, baseUrl));
    }

    @Override
    public String healthProblem() {
        return health.problem();
    }
}
