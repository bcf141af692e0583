package pretix.resilience.shop;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.HostAndPort;

/**
 * Where the shop listens and what it talks to, from the environment of its container.
 * {@code DATABASE_URL} may name several pgpools (a multi-host JDBC URL); {@code REDIS_ENDPOINTS}
 * lists the HAProxies as {@code host:port,host:port}. {@code SHOP_ORGANIZER} and
 * {@code SHOP_API_TOKEN}, when set, name an organizer and its token that exist before the
 * first request is served.
 */
public record ShopSettings(int port, String databaseUrl, String databaseUser, List<HostAndPort> redisEndpoints,
                           int databasePoolSize, String organizer, String apiToken) {

    public static ShopSettings fromEnvironment(Map<String, String> env) {
        return new ShopSettings(
                Integer.parseInt(env.getOrDefault("SHOP_PORT", "8000")),
                env.getOrDefault("DATABASE_URL", "jdbc:postgresql://pgpool0:5432/postgres"),
                env.getOrDefault("DATABASE_USER", "postgres"),
                Arrays.stream(env.getOrDefault("REDIS_ENDPOINTS", "haproxy0:6379").split(","))
                        .map(String::trim).map(HostAndPort::from).toList(),
                Integer.parseInt(env.getOrDefault("DATABASE_POOL_SIZE", "16")),
                env.get("SHOP_ORGANIZER"),
                env.get("SHOP_API_TOKEN"));
    }
}
