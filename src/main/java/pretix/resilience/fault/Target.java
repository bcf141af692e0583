package pretix.resilience.fault;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import pretix.resilience.roles.RoleSnapshot;
import pretix.resilience.stack.Node;
import pretix.resilience.stack.Tier;
import pretix.resilience.stack.Topology;

/**
 * Which node a fault hits, resolved only when the fault fires: the holder of a role
 * ({@code redis.master}), any node of a tier ({@code shop.any}), a tier's i-th node
 * ({@code pgpool[1]}), or a node by name ({@code pg2}).
 */
public sealed interface Target {

    /** As a scenario file writes it. */
    String expression();

    /** The tier of every node it may resolve to. */
    Tier tier();

    /**
     * The node this target names now; a random choice among several. {@code observe} is asked
     * only for a role: observing every node takes a moment that would delay the fault.
     */
    String resolve(Topology topology, Supplier<RoleSnapshot> observe, Random random);

    /** Who holds a role at the moment the fault fires. */
    enum Role implements Target {
        REDIS_MASTER("redis.master", Tier.REDIS) {
            @Override
            String holder(RoleSnapshot roles, Random random) {
                return only(roles.agreedRedisMaster().or(() -> roles.redisMasters().stream().findFirst()),
                        "no Redis master");
            }
        },
        REDIS_REPLICA("redis.replica.any", Tier.REDIS) {
            @Override
            String holder(RoleSnapshot roles, Random random) {
                return any(roles.redis().stream().filter(node -> node.isConnectedReplica()).map(node -> node.node())
                        .toList(), random, "no connected Redis replica");
            }
        },
        POSTGRES_PRIMARY("postgres.primary", Tier.POSTGRES) {
            @Override
            String holder(RoleSnapshot roles, Random random) {
                return only(roles.agreedPostgresPrimary().or(() -> roles.postgresPrimaries().stream().findFirst()),
                        "no PostgreSQL primary");
            }
        },
        POSTGRES_STANDBY("postgres.standby.any", Tier.POSTGRES) {
            @Override
            String holder(RoleSnapshot roles, Random random) {
                return any(roles.postgres().stream().filter(node -> node.isStreamingStandby()).map(node -> node.node())
                        .toList(), random, "no streaming PostgreSQL standby");
            }
        };

        private final String expression;
        private final Tier tier;

        Role(String expression, Tier tier) {
            this.expression = expression;
            this.tier = tier;
        }

        abstract String holder(RoleSnapshot roles, Random random);

        @Override
        public String expression() {
            return expression;
        }

        @Override
        public Tier tier() {
            return tier;
        }

        @Override
        public String resolve(Topology topology, Supplier<RoleSnapshot> observe, Random random) {
            return holder(observe.get(), random);
        }

        String only(Optional<String> node, String problem) {
            return node.orElseThrow(() -> new IllegalStateException("target " + expression + ": " + problem
                    + " right now"));
        }

        String any(List<String> nodes, Random random, String problem) {
            if (nodes.isEmpty()) {
                throw new IllegalStateException("target " + expression + ": " + problem + " right now");
            }
            return nodes.get(random.nextInt(nodes.size()));
        }

        @Override
        public String toString() {
            return expression;
        }
    }

    /** Any node of a tier, chosen with the run's random. */
    record AnyOf(Tier tier) implements Target {
        @Override
        public String expression() {
            return tier.image() + ".any";
        }

        @Override
        public String resolve(Topology topology, Supplier<RoleSnapshot> observe, Random random) {
            List<Node> nodes = topology.nodes(tier);
            return nodes.get(random.nextInt(nodes.size())).name();
        }

        @Override
        public String toString() {
            return expression();
        }
    }

    /** A tier's i-th node. */
    record Indexed(Tier tier, int index) implements Target {
        @Override
        public String expression() {
            return tier.image() + "[" + index + "]";
        }

        @Override
        public String resolve(Topology topology, Supplier<RoleSnapshot> observe, Random random) {
            return tier.nodeName(index);
        }

        @Override
        public String toString() {
            return expression();
        }
    }

    /** A node by its name. */
    record Named(Node node) implements Target {
        @Override
        public String expression() {
            return node.name();
        }

        @Override
        public Tier tier() {
            return node.tier();
        }

        @Override
        public String resolve(Topology topology, Supplier<RoleSnapshot> observe, Random random) {
            return node.name();
        }

        @Override
        public String toString() {
            return expression();
        }
    }

    /** A target that names nothing in the topology; the message says what would. */
    final class Unknown extends IllegalArgumentException {
        Unknown(String message) {
            super(message);
        }
    }

    /**
     * Parses and checks a target against a topology, so that a typo fails before anything starts.
     *
     * @throws Unknown when it names no role, tier pattern or node
     * @throws IllegalArgumentException when it names a tier that is not one, or a node the topology does not have
     */
    static Target parse(String text, Topology topology) {
        String expression = text.trim().toLowerCase(Locale.ROOT);
        for (Role role : Role.values()) {
            if (role.expression().equals(expression)) {
                return role;
            }
        }
        if (expression.endsWith(".any")) {
            return new AnyOf(tier(expression.substring(0, expression.length() - ".any".length()), text));
        }
        Matcher indexed = Pattern.compile("([a-z]+)\\[(\\d+)]").matcher(expression);
        if (indexed.matches()) {
            Tier tier = tier(indexed.group(1), text);
            int index = Integer.parseInt(indexed.group(2));
            if (index >= topology.count(tier)) {
                throw notInTopology(text, tier, topology);
            }
            return new Indexed(tier, index);
        }
        Optional<Node> named = topology.allNodes().stream()
                .filter(node -> node.name().equals(expression) && node.tier() != Tier.TOXIPROXY).findFirst();
        if (named.isPresent()) {
            return new Named(named.get());
        }
        // A node name of a tier the topology has fewer nodes of, such as pg5: said as for postgres[5].
        for (Tier tier : faultableTiers()) {
            String prefix = tier.nodeName(0).substring(0, tier.nodeName(0).length() - 1);
            if (expression.matches(Pattern.quote(prefix) + "\\d+")) {
                throw notInTopology(text, tier, topology);
            }
        }
        throw new Unknown("unknown target '" + text + "': use " + forms());
    }

    private static IllegalArgumentException notInTopology(String text, Tier tier, Topology topology) {
        int count = topology.count(tier);
        return new IllegalArgumentException("target '" + text + "': the topology has " + count + " " + tier.image()
                + " nodes, " + tier.nodeName(0) + " to " + tier.nodeName(count - 1) + " (" + tier.image() + "[0] to "
                + tier.image() + "[" + (count - 1) + "])");
    }

    /** Every form a target may take, for error messages. */
    static String forms() {
        return Arrays.stream(Role.values()).map(Role::expression).collect(Collectors.joining(", "))
                + ", <tier>.any, <tier>[i] or a node name such as pg1; tiers: " + faultableTiers().stream()
                .map(Tier::image).collect(Collectors.joining(", "));
    }

    /** Every target of a topology but the indexed ones, for "did you mean". */
    static List<String> choices(Topology topology) {
        List<String> choices = new ArrayList<>(Arrays.stream(Role.values()).map(Role::expression).toList());
        for (Tier tier : faultableTiers()) {
            choices.add(new AnyOf(tier).expression());
            topology.nodes(tier).forEach(node -> choices.add(node.name()));
        }
        return choices;
    }

    /** Every tier but the harness's own instrument, the Toxiproxy node. */
    private static List<Tier> faultableTiers() {
        return Arrays.stream(Tier.values()).filter(tier -> tier != Tier.TOXIPROXY).toList();
    }

    private static Tier tier(String name, String text) {
        return faultableTiers().stream().filter(tier -> tier.image().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown tier '" + name + "' in target '" + text
                        + "': use " + forms()));
    }
}
