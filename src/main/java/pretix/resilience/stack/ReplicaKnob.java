package pretix.resilience.stack;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every replica count a topology lets its user choose: the key a scenario file uses, the option
 * of {@code chaos up}, the profile's default and the rule a count must meet (N+1, or a majority
 * for a quorum). The one list that the topology, the scenario reader and the command line follow.
 */
public enum ReplicaKnob {
    POSTGRES_STANDBYS("postgres_standbys", "standbys", "PostgreSQL standbys"),
    PGPOOLS("pgpools", "pgpools", "pgpool nodes"),
    REDIS_REPLICAS("redis_replicas", "redis-replicas", "Redis replicas"),
    SENTINELS("sentinels", "sentinels", "Redis sentinels"),
    HAPROXIES("haproxies", "haproxies", "HAProxy nodes"),
    SHOPS("shops", "shops", "shop replicas"),
    NGINXES("nginxes", "nginxes", "nginx nodes");

    /** More nodes than this per tier would not fit a 2-core machine and is most likely a typo. */
    static final int MAX = 9;

    private final String key;
    private final String option;
    private final String description;

    ReplicaKnob(String key, String option, String description) {
        this.key = key;
        this.option = option;
        this.description = description;
    }

    /** The key under a scenario file's {@code replicas:}. */
    public String key() {
        return key;
    }

    /** The option of {@code chaos up}, such as {@code --standbys}. */
    public String option() {
        return "--" + option;
    }

    public String description() {
        return description;
    }

    public int defaultFor(Profile profile) {
        return switch (this) {
            case PGPOOLS -> profile.settings().defaultPgpools();
            case SENTINELS -> 3;
            default -> 2;
        };
    }

    /** What is wrong with a count under a profile, in words; empty when nothing is. */
    Optional<String> problem(Profile profile, int count) {
        String what = key.replace('_', ' ') + " = " + count;
        if (count > MAX) {
            return Optional.of(what + ": at most " + MAX + " per tier fit on one machine");
        }
        return switch (this) {
            case POSTGRES_STANDBYS -> atLeast(what, count, 1, "a primary without a standby has nothing to fail over to");
            case REDIS_REPLICAS -> atLeast(what, count, 1, "a master without a replica has nothing to fail over to");
            case SENTINELS -> oddQuorum(what, count, "Sentinel needs a majority to elect a new master");
            case PGPOOLS -> profile.settings().pgpoolWatchdog()
                    ? oddQuorum(what, count, "the " + profile.id() + " profile runs the pgpool watchdog, which needs a"
                            + " majority")
                    : atLeast(what, count, 2, "N+1 needs a second pgpool");
            case HAPROXIES -> atLeast(what, count, 2, "N+1 needs a second HAProxy");
            case SHOPS -> atLeast(what, count, 2, "N+1 needs a second shop replica");
            case NGINXES -> atLeast(what, count, 2, "N+1 needs a second nginx");
        };
    }

    public static Optional<ReplicaKnob> byKey(String key) {
        return Arrays.stream(values()).filter(knob -> knob.key.equals(key)).findFirst();
    }

    private static Optional<String> atLeast(String what, int count, int min, String why) {
        return count < min ? Optional.of(what + ": must be at least " + min + " (" + why + ")") : Optional.empty();
    }

    private static Optional<String> oddQuorum(String what, int count, String why) {
        return count < 3 || count % 2 == 0 ? Optional.of(what + ": must be odd and at least 3 (" + why
                + "; an even count adds no failure tolerance): use 3 or 5") : Optional.empty();
    }
}
