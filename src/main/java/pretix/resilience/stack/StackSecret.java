package pretix.resilience.stack;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A credential of the stack: random for every stack, handed to the containers of the tiers that
 * need it as a file under {@link #DIRECTORY} (as Docker secrets are), never in an environment
 * variable, a label or a command line. Each container's environment names the file in
 * {@link #environmentVariable()}.
 */
public enum StackSecret {
    /** The {@code postgres} role: pgpool's checks, replication, the shop and the harness, all scram-sha-256. */
    POSTGRES_PASSWORD(Tier.POSTGRES, Tier.PGPOOL, Tier.SHOP),
    /** pgpool's control port (pcp), with which a rejoining standby asks to be attached. */
    PCP_PASSWORD(Tier.POSTGRES, Tier.PGPOOL),
    /** The AES key of pgpool's pool_passwd, which holds the passwords pgpool answers scram with. */
    PGPOOL_KEY(Tier.PGPOOL),
    /** Redis's requirepass and masterauth, Sentinel's auth-pass, HAProxy's role check. */
    REDIS_PASSWORD(Tier.REDIS, Tier.SENTINEL, Tier.HAPROXY, Tier.SHOP),
    /** The sentinels' own requirepass, between sentinels and for whoever asks them. */
    SENTINEL_PASSWORD(Tier.REDIS, Tier.SENTINEL),
    /** The pretix API token that acts for the shop's organizer. */
    SHOP_TOKEN(Tier.SHOP);

    public static final String DIRECTORY = "/run/secrets/";

    private final List<Tier> tiers;

    StackSecret(Tier... tiers) {
        this.tiers = List.of(tiers);
    }

    /** Where a container of one of its tiers finds it. */
    public String path() {
        return DIRECTORY + name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The variable that names {@link #path()} in the container's environment: {@code POSTGRES_PASSWORD_FILE}. */
    public String environmentVariable() {
        return name() + "_FILE";
    }

    public List<Tier> tiers() {
        return tiers;
    }

    /** The secrets a node of this tier is given. */
    public static List<StackSecret> of(Tier tier) {
        return Arrays.stream(values()).filter(secret -> secret.tiers.contains(tier)).toList();
    }
}
