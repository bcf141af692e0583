package pretix.resilience.fault;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import pretix.resilience.roles.RoleSnapshot;
import pretix.resilience.stack.Tier;
import pretix.resilience.stack.Topology;

/**
 * Which node a fault hits, named by role and resolved only when the fault fires:
 * {@code redis.master}, {@code redis.replica.any}, {@code postgres.primary},
 * {@code postgres.standby.any}, {@code <tier>.any}, {@code <tier>[i]}, or a node name.
 */
public record Target(String expression) {

    private static final Pattern INDEXED = Pattern.compile("([a-z]+)\\[(\\d+)]");
    private static final List<String> ROLES = List.of("redis.master", "redis.replica.any", "postgres.primary",
            "postgres.standby.any");

    /** Every form a target may take, for error messages. */
    public static String forms() {
        return String.join(", ", ROLES) + ", <tier>.any, <tier>[i] or a node name such as pg1; tiers: "
                + Arrays.stream(Tier.values()).filter(tier -> tier != Tier.TOXIPROXY).map(Tier::image)
                .collect(Collectors.joining(", "));
    }

    /** Parses and checks a target against a topology, so that a typo fails before anything starts. */
    public static Target parse(String text, Topology topology) {
        String expression = text.trim().toLowerCase(Locale.ROOT);
        Target target = new Target(expression);
        if (ROLES.contains(expression)) {
            return target;
        }
        if (expression.endsWith(".any")) {
            tier(expression.substring(0, expression.length() - 4), text);
            return target;
        }
        Matcher indexed = INDEXED.matcher(expression);
        if (indexed.matches()) {
            Tier tier = tier(indexed.group(1), text);
            int index = Integer.parseInt(indexed.group(2));
            if (index >= topology.count(tier)) {
                throw new IllegalArgumentException("target '" + text + "': the topology has " + topology.count(tier)
                        + " " + tier.image() + " nodes (0 to " + (topology.count(tier) - 1) + ")");
            }
            return target;
        }
        boolean isNode = topology.allNodes().stream()
                .anyMatch(node -> node.name().equals(expression) && node.tier() != Tier.TOXIPROXY);
        if (!isNode) {
            throw new IllegalArgumentException("unknown target '" + text + "': use " + forms());
        }
        return target;
    }

    /**
     * The node this target names now; a random choice among several. {@code observe} is asked only for a role (master, primary,
     * replica, standby): observing every node takes a moment that would delay the fault.
     */
    public String resolve(Topology topology, Supplier<RoleSnapshot> observe, Random random) {
        if (!ROLES.contains(expression)) {
            return resolveByName(topology, random);
        }
        RoleSnapshot roles = observe.get();
        return switch (expression) {
            case "redis.master" -> only(roles.agreedRedisMaster().or(() -> roles.redisMasters().stream().findFirst())
                    .orElse(null), "no Redis master");
            case "postgres.primary" -> only(roles.agreedPostgresPrimary()
                    .or(() -> roles.postgresPrimaries().stream().findFirst()).orElse(null), "no PostgreSQL primary");
            case "redis.replica.any" -> any(roles.redis().stream().filter(node -> node.isConnectedReplica())
                    .map(node -> node.node()).toList(), random, "no connected Redis replica");
            case "postgres.standby.any" -> any(roles.postgres().stream().filter(node -> node.isStreamingStandby())
                    .map(node -> node.node()).toList(), random, "no streaming PostgreSQL standby");
            default -> throw new IllegalStateException("not a role: " + expression);
        };
    }

    private String resolveByName(Topology topology, Random random) {
        if (expression.endsWith(".any")) {
            Tier tier = Tier.ofImage(expression.substring(0, expression.length() - 4));
            return any(topology.nodes(tier).stream().map(node -> node.name()).toList(), random, "no " + tier.image());
        }
        Matcher indexed = INDEXED.matcher(expression);
        if (indexed.matches()) {
            return Tier.ofImage(indexed.group(1)).nodeName(Integer.parseInt(indexed.group(2)));
        }
        return expression;
    }

    private static Tier tier(String name, String text) {
        try {
            Tier tier = Tier.ofImage(name);
            if (tier != Tier.TOXIPROXY) {
                return tier;
            }
        } catch (IllegalArgumentException e) {
            // reported below with the valid choices
        }
        throw new IllegalArgumentException("unknown tier '" + name + "' in target '" + text + "': use " + forms());
    }

    private String only(String node, String problem) {
        if (node == null) {
            throw new IllegalStateException("target " + expression + ": " + problem + " right now");
        }
        return node;
    }

    private String any(List<String> nodes, Random random, String problem) {
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
