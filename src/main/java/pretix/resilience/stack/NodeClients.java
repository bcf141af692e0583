package pretix.resilience.stack;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import redis.clients.jedis.Jedis;

/**
 * How the harness itself talks to a node's published port: as {@code postgres} over JDBC, or with
 * Jedis; never without a timeout.
 */
public final class NodeClients {

    private NodeClients() {}

    /** Connection properties for {@code postgres}; pgjdbc counts its timeouts in whole seconds, so they round up. */
    public static Properties postgresProperties(Duration timeout) {
        String seconds = String.valueOf((timeout.toMillis() + 999) / 1000);
        Properties properties = new Properties();
        properties.setProperty("user", "postgres");
        properties.setProperty("connectTimeout", seconds);
        properties.setProperty("socketTimeout", seconds);
        // Docker's port proxy accepts a connection to a node that is cut off the network and holds
        // it: without a bound on the whole start-up, asking such a node waited until it came back.
        properties.setProperty("loginTimeout", seconds);
        return properties;
    }

    public static Connection postgres(HostPort target, Duration timeout) throws SQLException {
        return postgres(target, postgresProperties(timeout));
    }

    public static Connection postgres(HostPort target, Properties properties) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + target + "/postgres", properties);
    }

    public static Jedis redis(HostPort target, Duration timeout) {
        return new Jedis(target.host(), target.port(), (int) timeout.toMillis());
    }
}
