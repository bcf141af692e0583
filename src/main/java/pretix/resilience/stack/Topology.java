package pretix.resilience.stack;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The redundant stack: how many nodes each tier runs, under which profile, and the links that
 * pass through Toxiproxy. Immutable; {@link Builder#build()} refuses any topology that is not
 * N+1 or cannot form a quorum, before anything is started.
 */
public record Topology(Profile profile, int postgresStandbys, int pgpools, int redisReplicas,
                       int sentinels, int haproxies, int shops, int nginxes) {

    /** The name under which the sentinels monitor the Redis master. */
    public static final String REDIS_MASTER_NAME = "pretix";
    /** More nodes than this per tier would not fit a 2-core machine and is most likely a typo. */
    static final int MAX_PER_TIER = 9;

    public static Builder builder(Profile profile) {
        return new Builder(profile);
    }

    public static Topology defaults(Profile profile) {
        return builder(profile).build();
    }

    public int count(Tier tier) {
        return switch (tier) {
            case POSTGRES -> postgresStandbys + 1;
            case PGPOOL -> pgpools;
            case REDIS -> redisReplicas + 1;
            case SENTINEL -> sentinels;
            case HAPROXY -> haproxies;
            case SHOP -> shops;
            case NGINX -> nginxes;
            case TOXIPROXY -> 1;
        };
    }

    /** The ports a node publishes: its tier's, and on Toxiproxy the client side of every client link. */
    public List<Integer> ports(Node node) {
        if (node.tier() != Tier.TOXIPROXY) {
            return node.tier().ports();
        }
        return Stream.concat(node.tier().ports().stream(),
                links().stream().filter(link -> link.kind().clientFacing()).map(Link::listenPort)).toList();
    }

    /** Every link that passes through Toxiproxy, each under the stable name scenarios use. */
    public List<Link> links() {
        List<Link> links = new ArrayList<>();
        for (Link.Kind kind : Link.Kind.values()) {
            if (kind == Link.Kind.REPLICATION) {
                links.add(new Link(kind, initialPrimary()));
            } else {
                nodes(kind.upstreamTier()).forEach(node -> links.add(new Link(kind, node)));
            }
        }
        return List.copyOf(links);
    }

    public Node toxiproxy() {
        return new Node(Tier.TOXIPROXY, 0);
    }

    public List<Node> nodes(Tier tier) {
        return IntStream.range(0, count(tier)).mapToObj(i -> new Node(tier, i)).toList();
    }

    public List<Node> allNodes() {
        return Arrays.stream(Tier.values()).flatMap(tier -> nodes(tier).stream()).toList();
    }

    /** The node that initialises the PostgreSQL cluster. */
    public Node initialPrimary() {
        return new Node(Tier.POSTGRES, 0);
    }

    public Node initialRedisMaster() {
        return new Node(Tier.REDIS, 0);
    }

    public int sentinelQuorum() {
        return sentinels / 2 + 1;
    }

    public static final class Builder {
        private final Profile profile;
        private int postgresStandbys = 2;
        private int pgpools;
        private int redisReplicas = 2;
        private int sentinels = 3;
        private int haproxies = 2;
        private int shops = 2;
        private int nginxes = 2;

        private Builder(Profile profile) {
            this.profile = profile;
            this.pgpools = profile.settings().defaultPgpools();
        }

        public Builder postgresStandbys(int count) {
            postgresStandbys = count;
            return this;
        }

        public Builder pgpools(int count) {
            pgpools = count;
            return this;
        }

        public Builder redisReplicas(int count) {
            redisReplicas = count;
            return this;
        }

        public Builder sentinels(int count) {
            sentinels = count;
            return this;
        }

        public Builder haproxies(int count) {
            haproxies = count;
            return this;
        }

        public Builder shops(int count) {
            shops = count;
            return this;
        }

        public Builder nginxes(int count) {
            nginxes = count;
            return this;
        }

        public Topology build() {
            List<String> problems = new ArrayList<>();
            atLeast(problems, "postgres standbys", postgresStandbys, 1,
                    "a primary without a standby has nothing to fail over to");
            atLeast(problems, "redis replicas", redisReplicas, 1,
                    "a master without a replica has nothing to fail over to");
            oddQuorum(problems, "sentinels", sentinels, "Sentinel needs a majority to elect a new master");
            if (profile.settings().pgpoolWatchdog()) {
                oddQuorum(problems, "pgpools", pgpools,
                        "the " + profile.id() + " profile runs the pgpool watchdog, which needs a majority");
            } else {
                atLeast(problems, "pgpools", pgpools, 2, "N+1 needs a second pgpool");
            }
            atLeast(problems, "haproxies", haproxies, 2, "N+1 needs a second HAProxy");
            atLeast(problems, "shops", shops, 2, "N+1 needs a second shop replica");
            atLeast(problems, "nginxes", nginxes, 2, "N+1 needs a second nginx");
            Map<String, Integer> counts = new LinkedHashMap<>();
            counts.put("postgres standbys", postgresStandbys);
            counts.put("pgpools", pgpools);
            counts.put("redis replicas", redisReplicas);
            counts.put("sentinels", sentinels);
            counts.put("haproxies", haproxies);
            counts.put("shops", shops);
            counts.put("nginxes", nginxes);
            counts.forEach((what, value) -> {
                if (value > MAX_PER_TIER) {
                    problems.add(what + " = " + value + ": at most " + MAX_PER_TIER + " per tier fit on one machine");
                }
            });
            if (!problems.isEmpty()) {
                throw new TopologyException(problems);
            }
            return new Topology(profile, postgresStandbys, pgpools, redisReplicas, sentinels, haproxies, shops, nginxes);
        }

        private static void atLeast(List<String> problems, String what, int value, int min, String why) {
            if (value < min) {
                problems.add(what + " = " + value + ": must be at least " + min + " (" + why + ")");
            }
        }

        private static void oddQuorum(List<String> problems, String what, int value, String why) {
            if (value < 3 || value % 2 == 0) {
                problems.add(what + " = " + value + ": must be odd and at least 3 (" + why
                        + "; an even count adds no failure tolerance): use 3 or 5");
            }
        }
    }
}
