package pretix.resilience.stack;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * How the harness itself talks to a node's published port, with the stack's credentials: as
 * {@code postgres} over JDBC (scram-sha-256), with Jedis to Redis and HAProxy, or to a sentinel;
 * never without a timeout.
 */
public final class NodeClients {

    private final StackSecrets secrets;

    NodeClients(StackSecrets secrets) {
        this.secrets = secrets;
    }

    /** Connection properties for {@code postgres}; pgjdbc counts its timeouts in whole seconds, so they round up. */
    public Properties postgresProperties(Duration timeout) {
        String seconds = String.valueOf((timeout.toMillis() + 999) / 1000);
        Properties properties = new Properties();
        properties.setProperty("user", "postgres");
        properties.setProperty("password", secrets.get(StackSecret.POSTGRES_PASSWORD));
        properties.setProperty("connectTimeout", seconds);
        properties.setProperty("socketTimeout", seconds);
        // Docker's port proxy accepts a connection to a node that is cut off the network and holds
        // it: without a bound on the whole start-up, asking such a node waited until it came back.
        properties.setProperty("loginTimeout", seconds);
        return properties;
    }

    public Connection postgres(HostPort target, Duration timeout) throws SQLException {
        return postgres(target, postgresProperties(timeout));
    }

    public Connection postgres(HostPort target, Properties properties) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + target + "/postgres", properties);
    }

    /** A Redis node, or an HAProxy in front of them. */
    public Jedis redis(HostPort target, Duration timeout) {
        return jedis(target, timeout, secrets.get(StackSecret.REDIS_PASSWORD));
    }

    public Jedis sentinel(HostPort target, Duration timeout) {
        return jedis(target, timeout, secrets.get(StackSecret.SENTINEL_PASSWORD));
    }

    private static Jedis jedis(HostPort target, Duration timeout, String password) {
        return new Jedis(new HostAndPort(target.host(), target.port()), DefaultJedisClientConfig.builder()
                .timeoutMillis((int) timeout.toMillis()).password(password).build());
    }
}
