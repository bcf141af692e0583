package pretix.resilience.shop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.HostAndPort;

/**
 * Where the shop listens, what it talks to and with which credentials, from the environment of
 * its container. {@code DATABASE_URL} may name several pgpools (a multi-host JDBC URL);
 * {@code REDIS_ENDPOINTS} lists the HAProxies as {@code host:port,host:port}. Secrets come from
 * files, as Docker hands them over: {@code POSTGRES_PASSWORD_FILE}, {@code REDIS_PASSWORD_FILE}
 * and {@code SHOP_TOKEN_FILE}, the API token of the organizer {@code SHOP_ORGANIZER}, which
 * exists before the first request is served when both are set.
 */
public record ShopSettings(int port, String databaseUrl, String databaseUser, String databasePassword,
                           List<HostAndPort> redisEndpoints, String redisPassword, int databasePoolSize,
                           String organizer, String apiToken) {

    public static ShopSettings fromEnvironment(Map<String, String> env) {
        return new ShopSettings(
                Integer.parseInt(env.getOrDefault("SHOP_PORT", "8000")),
                env.getOrDefault("DATABASE_URL", "jdbc:postgresql://pgpool0:5432/postgres"),
                env.getOrDefault("DATABASE_USER", "postgres"),
                secret(env, "POSTGRES_PASSWORD_FILE"),
                Arrays.stream(env.getOrDefault("REDIS_ENDPOINTS", "haproxy0:6379").split(","))
                        .map(String::trim).map(HostAndPort::from).toList(),
                secret(env, "REDIS_PASSWORD_FILE"),
                Integer.parseInt(env.getOrDefault("DATABASE_POOL_SIZE", "16")),
                env.get("SHOP_ORGANIZER"),
                secret(env, "SHOP_TOKEN_FILE"));
    }

    /** The content of the file the variable names; null when it names none. */
    private static String secret(Map<String, String> env, String variable) {
        String file = env.get(variable);
        if (file == null) {
            return null;
        }
        try {
            return Files.readString(Path.of(file)).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(variable + " names " + file + ", which cannot be read", e);
        }
    }

    @Override
    public String toString() {
        return "ShopSettings[port=" + port + ", database " + databaseUrl + " as " + databaseUser + ", redis "
                + redisEndpoints + ", organizer " + organizer + ", secrets not shown]";
    }
}
