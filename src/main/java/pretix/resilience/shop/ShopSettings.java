package pretix.resilience.shop;

import java.util.Map;

/** Where the shop listens and what it talks to, from the environment of its container. */
public record ShopSettings(int port, String databaseUrl, String databaseUser, String redisHost, int redisPort,
                           int databasePoolSize) {

    public static ShopSettings fromEnvironment(Map<String, String> env) {
        return new ShopSettings(
                Integer.parseInt(env.getOrDefault("SHOP_PORT", "8000")),
                env.getOrDefault("DATABASE_URL", "jdbc:postgresql://pgpool0:5432/postgres"),
                env.getOrDefault("DATABASE_USER", "postgres"),
                env.getOrDefault("REDIS_HOST", "haproxy0"),
                Integer.parseInt(env.getOrDefault("REDIS_PORT", "6379")),
                Integer.parseInt(env.getOrDefault("DATABASE_POOL_SIZE", "16")));
    }
}
