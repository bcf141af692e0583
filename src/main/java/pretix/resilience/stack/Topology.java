package pretix.resilience.stack;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
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

    public static Builder builder(Profile profile) {
        return new Builder(profile);
    }

    public static Topology defaults(Profile profile) {
        return builder(profile).build();
    }

    /** The most nodes of every tier a topology may have: what names a node in any stack names one here. */
    public static Topology largest(Profile profile) {
        Builder builder = builder(profile);
        for (ReplicaKnob knob : ReplicaKnob.values()) {
            builder.set(knob, ReplicaKnob.MAX);
        }
        return builder.build();
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

    /** The profile and every tier's node count: {@code hardened: 3 postgres, 3 pgpool, …}. */
    public String describe() {
        return profile.id() + ": " + String.join(", ", Arrays.stream(Tier.values())
                .map(tier -> count(tier) + " " + tier.image()).toList());
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

    /** A topology under construction: each replica count at the profile's default until set. */
    public static final class Builder {
        private final Profile profile;
        private final Map<ReplicaKnob, Integer> counts = new EnumMap<>(ReplicaKnob.class);

        private Builder(Profile profile) {
            this.profile = profile;
            for (ReplicaKnob knob : ReplicaKnob.values()) {
                counts.put(knob, knob.defaultFor(profile));
            }
        }

        public Builder set(ReplicaKnob knob, int count) {
            counts.put(knob, count);
            return this;
        }

        public Builder postgresStandbys(int count) {
            return set(ReplicaKnob.POSTGRES_STANDBYS, count);
        }

        public Builder pgpools(int count) {
            return set(ReplicaKnob.PGPOOLS, count);
        }

        public Builder redisReplicas(int count) {
            return set(ReplicaKnob.REDIS_REPLICAS, count);
        }

        public Builder sentinels(int count) {
            return set(ReplicaKnob.SENTINELS, count);
        }

        public Builder haproxies(int count) {
            return set(ReplicaKnob.HAPROXIES, count);
        }

        public Builder shops(int count) {
            return set(ReplicaKnob.SHOPS, count);
        }

        public Builder nginxes(int count) {
            return set(ReplicaKnob.NGINXES, count);
        }

        public Topology build() {
            List<String> problems = counts.entrySet().stream()
                    .flatMap(count -> count.getKey().problem(profile, count.getValue()).stream()).toList();
            if (!problems.isEmpty()) {
                throw new TopologyException(problems);
            }
            return new Topology(profile, counts.get(ReplicaKnob.POSTGRES_STANDBYS), counts.get(ReplicaKnob.PGPOOLS),
                    counts.get(ReplicaKnob.REDIS_REPLICAS), counts.get(ReplicaKnob.SENTINELS),
                    counts.get(ReplicaKnob.HAPROXIES), counts.get(ReplicaKnob.SHOPS), counts.get(ReplicaKnob.NGINXES));
        }
    }
}
