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
     * Synchronous {@code ANY 1} replication, WAL hints for pg_rewind, pgpool watchdog, sentinels
     * asked before a Redis node starts, an append-only file so that a master restarted without a
     * failover keeps its data, sub-second HAProxy checks, and a restarted HAProxy that takes
     * clients only once it has checked. pgpool's streaming-replication check is off: it stalls
     * every pgpool while it reads from a frozen primary, and no timeout setting helps. The price
     * is no replication-lag check and no {@code detach_false_primary}. A backend is detached only
     * after its health check failed three times in a row (two retries, a second apart): on a
     * machine that stalls for a few seconds, every pgpool's single check timed out on every
     * backend at once and they detached them all, the primary included.
     */
    HARDENED(new Settings(true, true, true, 3, 0, 2, Duration.ofMillis(1000), Duration.ofSeconds(10),
            new HaproxyCheck(Duration.ofMillis(250), 2, 2, true, true, true), true, 1, true)),
    /**
     * Async replication, two pgpools without watchdog, Sentinel and HAProxy defaults. Without WAL
     * hints a former primary cannot be rewound and rejoins through a fresh base backup. A failed
     * health check is retried once, a second later: with none, one check of a live primary that
     * took over 2 s on a busy machine detached it; the failover script found it still primary and
     * promoted nothing, and that pgpool searched for a primary for good and accepted no session
     * (three integration tests of the CI of 7 Dec). Pgpool-II's own default checks no health at all.
     */
    SEED(new Settings(false, false, false, 2, 10, 1, Duration.ofSeconds(30), Duration.ofMinutes(3),
            new HaproxyCheck(Duration.ofSeconds(2), 3, 2, false, false, false), false, 0, false));

    /** Everything a profile decides, in one place. */
    public record Settings(boolean synchronousReplication, boolean walLogHints, boolean pgpoolWatchdog, int defaultPgpools,
                           int srCheckPeriodSeconds, int healthCheckRetries, Duration sentinelDownAfter,
                           Duration sentinelFailoverTimeout,
                           HaproxyCheck haproxyCheck, boolean redisAsksSentinels, int minReplicasToWrite,
                           boolean redisAppendOnly) {}

    /**
     * HAProxy's health check of the Redis nodes; {@code holdUntilChecked}: a (re)started HAProxy
     * refuses clients until its first checks have marked the replicas down, since it starts with
     * every server up; {@code requireReplica}: a master counts only with a connected replica, so
     * that a thawed or restarted old master, which answers {@code role:master} until Sentinel
     * demotes it, gets no clients (with {@code min-replicas-to-write 1} it would refuse their
     * writes anyway).
     */
    public record HaproxyCheck(Duration interval, int fall, int rise, boolean shutdownSessionsOnDown,
                               boolean holdUntilChecked, boolean requireReplica) {}

    private final Settings settings;

    Profile(Settings settings) {
        this.settings = settings;
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

    public Settings settings() {
        return settings;
    }
}
