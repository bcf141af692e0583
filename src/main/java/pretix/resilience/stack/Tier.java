package pretix.resilience.stack;

import java.util.List;
import java.util.Optional;

/**
 * A tier of the stack: its image, the prefix of its node names and its service ports. The
 * Toxiproxy tier is the harness's fault injector on the stack's links, not a tier under test.
 */
public enum Tier {
    POSTGRES("postgres", "pg", List.of(5432)),
    PGPOOL("pgpool", "pgpool", List.of(5432, 9898)),
    REDIS("redis", "redis", List.of(6379)),
    SENTINEL("sentinel", "sentinel", List.of(26379)),
    HAPROXY("haproxy", "haproxy", List.of(6379, 8404)),
    SHOP("shop", "shop", List.of(8000)),
    NGINX("nginx", "nginx", List.of(80)),
    TOXIPROXY("toxiproxy", "toxiproxy", List.of(8474));

    private final String image;
    private final String nodePrefix;
    private final List<Integer> ports;

    Tier(String image, String nodePrefix, List<Integer> ports) {
        this.image = image;
        this.nodePrefix = nodePrefix;
        this.ports = ports;
    }

    /** Name of the image directory under {@code compose/images}. */
    public String image() {
        return image;
    }

    public String nodeName(int index) {
        return nodePrefix + index;
    }

    /** The port clients use first; further ports are for administration. */
    public int servicePort() {
        return ports.get(0);
    }

    public List<Integer> ports() {
        return ports;
    }

    /**
     * Where a node of this tier keeps, on a disk of its own, what it must not lose: a disk of a
     * fixed size, so that a fault can fill it (PostgreSQL's write-ahead log).
     */
    public Optional<String> diskPath() {
        return this == POSTGRES ? Optional.of("/var/lib/postgresql/wal-disk") : Optional.empty();
    }

    /**
     * The tiers that notice when a node of this tier fails and act on it: their logs tell what
     * they saw and decided (a health check that timed out, a failover, a vote).
     */
    public List<Tier> watchers() {
        return switch (this) {
            case POSTGRES -> List.of(PGPOOL);
            case REDIS -> List.of(SENTINEL, HAPROXY);
            case PGPOOL, SENTINEL, HAPROXY, SHOP -> List.of(NGINX);
            case NGINX, TOXIPROXY -> List.of();
        };
    }

    public static Tier ofImage(String image) {
        for (Tier tier : values()) {
            if (tier.image.equals(image)) {
                return tier;
            }
        }
        throw new IllegalArgumentException("no tier runs image '" + image + "'");
    }
}
