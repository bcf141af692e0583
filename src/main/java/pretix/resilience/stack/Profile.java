package pretix.resilience.stack;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How the redundant stack is configured. {@code SEED} is the deployment the operation report
 * describes; {@code HARDENED} is what we recommend. Both run the same components.
 */
public enum Profile {
    /**
     * Synchronous {@code ANY 1} replication, pgpool watchdog, sentinels asked before a Redis
     * node starts, sub-second HAProxy checks. pgpool's streaming-replication check is off: it
     * stalls every pgpool while it reads from a frozen primary, and no timeout setting helps.
     * The price is no replication-lag check and no {@code detach_false_primary}.
     */
    HARDENED(true, true, 3, 0, Duration.ofMillis(1000), Duration.ofSeconds(10),
            new HaproxyCheck(Duration.ofMillis(250), 2, 2, true), true, 1),
    /** Async replication, two pgpools without watchdog, Sentinel and HAProxy defaults. */
    SEED(false, false, 2, 10, Duration.ofSeconds(30), Duration.ofMinutes(3),
            new HaproxyCheck(Duration.ofSeconds(2), 3, 2, false), false, 0);

    /** HAProxy's health check of the Redis nodes. */
    public record HaproxyCheck(Duration interval, int fall, int rise, boolean shutdownSessionsOnDown) {}

    private final boolean synchronousReplication;
    private final boolean pgpoolWatchdog;
    private final int defaultPgpools;
    private final int srCheckPeriodSeconds;
    private final Duration sentinelDownAfter;
    private final Duration sentinelFailoverTimeout;
    private final HaproxyCheck haproxyCheck;
    private final boolean redisAsksSentinels;
    private final int minReplicasToWrite;

    Profile(boolean synchronousReplication, boolean pgpoolWatchdog, int defaultPgpools,
            int srCheckPeriodSeconds, Duration sentinelDownAfter, Duration sentinelFailoverTimeout,
            HaproxyCheck haproxyCheck, boolean redisAsksSentinels, int minReplicasToWrite) {
        this.synchronousReplication = synchronousReplication;
        this.pgpoolWatchdog = pgpoolWatchdog;
        this.defaultPgpools = defaultPgpools;
        this.srCheckPeriodSeconds = srCheckPeriodSeconds;
        this.sentinelDownAfter = sentinelDownAfter;
        this.sentinelFailoverTimeout = sentinelFailoverTimeout;
        this.haproxyCheck = haproxyCheck;
        this.redisAsksSentinels = redisAsksSentinels;
        this.minReplicasToWrite = minReplicasToWrite;
    }

    public static Profile parse(String name) {
        for (Profile profile : values()) {
            if (profile.id().equals(name.trim().toLowerCase(Locale.ROOT))) {
                return profile;
            }
        }
        throw new IllegalArgumentException("unknown profile '" + name + "': choose one of "
                + Arrays.stream(values()).map(Profile::id).collect(Collectors.joining(", ")));
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean synchronousReplication() {
        return synchronousReplication;
    }

    public boolean pgpoolWatchdog() {
        return pgpoolWatchdog;
    }

    public int defaultPgpools() {
        return defaultPgpools;
    }

    public int srCheckPeriodSeconds() {
        return srCheckPeriodSeconds;
    }

    public Duration sentinelDownAfter() {
        return sentinelDownAfter;
    }

    public Duration sentinelFailoverTimeout() {
        return sentinelFailoverTimeout;
    }

    public HaproxyCheck haproxyCheck() {
        return haproxyCheck;
    }

    public boolean redisAsksSentinels() {
        return redisAsksSentinels;
    }

    public int minReplicasToWrite() {
        return minReplicasToWrite;
    }
}
