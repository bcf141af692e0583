package pretix.resilience.shop;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;

/** pretix's {@code /healthcheck/}: a database read and a Redis set and get; never a database write. */
final class Health {

    private final DataSource database;
    private final FailoverRedis cache;

    Health(DataSource database, FailoverRedis cache) {
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
            // A key per check: checks that run at once must not read each other's values.
            String key = "pretix:healthcheck:" + UUID.randomUUID();
            cache.call(redis -> redis.setex(key, 10, "1"));
            if (!"1".equals(cache.call(redis -> redis.get(key)))) {
                return "cache: value read back differs";
            }
        } catch (Exception e) {
            return "cache: " + e.getMessage();
        }
        return "";
    }
}
