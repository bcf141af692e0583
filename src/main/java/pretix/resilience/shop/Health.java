package pretix.resilience.shop;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import redis.clients.jedis.UnifiedJedis;

/** pretix's {@code /healthcheck/}: a database read and a Redis set and get; never a database write. */
final class Health {

    private final DataSource database;
    private final UnifiedJedis cache;

    Health(DataSource database, UnifiedJedis cache) {
        this.database = database;
        this.cache = cache;
    }

    /** Empty when healthy, else what failed. */
    String problem() {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select 1 from organizers limit 1")) {
            rows.next();
        } catch (Exception e) {
            return "database: " + e.getMessage();
        }
        try {
            String value = UUID.randomUUID().toString();
            cache.setex("pretix:healthcheck", 10, value);
            if (!value.equals(cache.get("pretix:healthcheck"))) {
                return "cache: value read back differs";
            }
        } catch (Exception e) {
            return "cache: " + e.getMessage();
        }
        return "";
    }
}
