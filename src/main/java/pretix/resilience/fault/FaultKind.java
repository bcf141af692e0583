package pretix.resilience.fault;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import pretix.resilience.engine.Engine;
import pretix.resilience.engine.PacketFilter;
import pretix.resilience.stack.Tier;

/**
 * Every kind of fault a scenario file may name: its key, what it acts on, its parameters, how it
 * is healed, and how it is made. The one list that the scenario reader, its error messages and
 * the table of scenarios/README.md follow.
 */
public enum FaultKind {
    KILL(Acts.ON_NODE, "starting the container again"),
    STOP(Acts.ON_NODE, "starting it again (SIGTERM, SIGKILL after 10 s)"),
    PAUSE(Acts.ON_NODE, "thawing it (the node is frozen, its connections hang)"),
    RESTART(Acts.ON_NODE, "nothing to heal"),
    DISCONNECT(Acts.ON_NODE, "connecting it again under its name (on Swarm, where a task connected again is no"
            + " longer found by name, it refuses every packet but its loopback's instead, until that filter is removed)"),
    SCALE(Acts.ON_NODE, "scaling its service back to one task (Swarm only: the node's service scaled to none, so its"
            + " tier runs one node fewer)"),
    ROLLING_UPDATE(Acts.ON_NODE, "nothing to heal (Swarm only: `docker service update --force` of the node's service,"
            + " a stateless node's new task started before the old one stops)"),
    DOWN(Acts.ON_LINK, "enabling the link (open connections are cut)", parameters -> new LinkEffect.Down()),
    LATENCY(Acts.ON_LINK, "removing the toxic", parameters -> {
        Duration latency = parameters.duration("latency");
        Duration jitter = parameters.durationOr("jitter", Duration.ZERO);
        return latency == null ? null : new LinkEffect.Latency(latency.toMillis(), jitter.toMillis());
    }, new Parameter("latency", ""), new Parameter("jitter", "")),
    BANDWIDTH(Acts.ON_LINK, "removing the toxic", parameters -> {
        Integer rate = parameters.count("rate_kb");
        return rate == null ? null : new LinkEffect.Bandwidth(rate);
    }, new Parameter("rate_kb", "KB/s")),
    TIMEOUT(Acts.ON_LINK, "removing the toxic",
            parameters -> new LinkEffect.Timeout(parameters.durationOr("timeout", Duration.ZERO).toMillis()),
            new Parameter("timeout", "0: silent forever")),
    RESET_PEER(Acts.ON_LINK, "removing the toxic",
            parameters -> new LinkEffect.ResetPeer(parameters.durationOr("timeout", Duration.ZERO).toMillis()),
            new Parameter("timeout", "")),
    ISOLATE(Acts.ON_NODE_TRAFFIC, "removing its packet filter", parameters -> new TrafficEffect.Isolate(),
            Parameter.FROM, Parameter.DIRECTION),
    LOSS(Acts.ON_NODE_TRAFFIC, "removing its packet filter", parameters -> {
        Double probability = parameters.percent("loss");
        return probability == null ? null : new TrafficEffect.Loss(probability);
    }, new Parameter("loss", "a percentage above 0"), Parameter.FROM, Parameter.DIRECTION),
    REJECT(Acts.ON_NODE_TRAFFIC, "removing its packet filter", parameters -> new TrafficEffect.Reject(),
            Parameter.FROM, Parameter.DIRECTION),
    PARTITION(Acts.BETWEEN_GROUPS, "removing the packet filters of the groups' nodes", null, Parameter.DIRECTION),
    DNS_FAILURE(Acts.ON_NODE_TRAFFIC, "removing its packet filter", parameters -> new TrafficEffect.DnsFailure()),
    STARVE(Acts.ON_NODE_RESOURCES, "lifting its CPU limit", parameters -> {
        Double share = parameters.percent("cpu");
        return share == null ? null : new ResourceEffect.CpuStarvation(share);
    }, new Parameter("cpu", "the share of one core it keeps, such as 5%")),
    OOM(Acts.ON_REDIS, "lifting its memory limit and starting it again (the kernel killed it)",
            parameters -> new ResourceEffect.OutOfMemory()),
    DISK_FULL(Acts.ON_POSTGRES_DISK, "freeing the disk and starting the node again (a primary stops when it cannot"
            + " write its log; not on Swarm)", parameters -> new ResourceEffect.DiskFull()),
    MISROUTE(Acts.ON_HAPROXY, "switching its health checks on again (off, it routes to every Redis node, replicas"
            + " included)"),
    WRONG_AUTH_PASS(Acts.ON_SENTINEL, "giving it the right password again and resetting it (it finds the replicas"
            + " and the other sentinels again within seconds)");

    /** What a fault names: any node by {@code target}, a node of one tier by {@code target}, or a {@code link}. */
    public enum Acts {
        ON_NODE("`target`", null), ON_NODE_TRAFFIC("`target`'s packets", null),
        ON_NODE_RESOURCES("`target`'s CPU", null), ON_REDIS("`target` (a Redis master)", Tier.REDIS),
        ON_POSTGRES_DISK("`target`'s WAL disk (a PostgreSQL node)", Tier.POSTGRES),
        ON_HAPROXY("`target` (an HAProxy)", Tier.HAPROXY), ON_SENTINEL("`target` (a sentinel)", Tier.SENTINEL),
        ON_LINK("`link`", null), BETWEEN_GROUPS("`groups` (lists of targets)", null);

        private final String documented;
        private final Tier tier;

        Acts(String documented, Tier tier) {
            this.documented = documented;
            this.tier = tier;
        }

        /** The only tier whose nodes the fault may target; empty when any node will do (or a link is named). */
        public Optional<Tier> tier() {
            return Optional.ofNullable(tier);
        }

        /** Whether the fault takes a node's CPU, memory or disk ({@link FaultKind#onResources}). */
        public boolean onResources() {
            return this == ON_NODE_RESOURCES || this == ON_REDIS || this == ON_POSTGRES_DISK;
        }
    }

    /** A parameter of a link or traffic fault, with a note for the documentation. */
    public record Parameter(String key, String note) {
        /** The tier whose nodes a traffic fault cuts its target from. */
        public static final Parameter FROM = new Parameter("from", "a tier or a list of targets; every other node when"
                + " left out");
        /** Which way a traffic fault filters. */
        public static final Parameter DIRECTION = new Parameter("direction", "`both`, or `in` / `out`: only what the"
                + " target (the first group) receives / sends");

        String documented() {
            return "`" + key + "`" + (note.isEmpty() ? "" : " (" + note + ")");
        }
    }

    /** How a reader of scenario files reads a fault's parameters; null when invalid (it said why). */
    public interface Parameters {
        /** A percentage above 0 the fault requires, as a fraction. */
        Double percent(String key);

        /** A duration the fault requires. */
        Duration duration(String key);

        Duration durationOr(String key, Duration fallback);

        /** A non-negative whole number the fault requires. */
        Integer count(String key);
    }

    /** The {@code direction} a traffic fault filters in when its file names none. */
    public static final String BOTH_WAYS = "both";

    private final Acts acts;
    private final String healedBy;
    /** A {@link LinkEffect}, a {@link TrafficEffect} or a {@link ResourceEffect}, as {@link #acts} says. */
    private final Function<Parameters, Object> effect;
    private final List<Parameter> parameters;

    FaultKind(Acts acts, String healedBy) {
        this(acts, healedBy, null);
    }

    FaultKind(Acts acts, String healedBy, Function<Parameters, Object> effect, Parameter... parameters) {
        this.acts = acts;
        this.healedBy = healedBy;
        this.effect = effect;
        this.parameters = List.of(parameters);
    }

    /** The key a scenario file uses: {@code kill}, {@code reset_peer}, … */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public Acts acts() {
        return acts;
    }

    public List<String> parameterKeys() {
        return parameters.stream().map(Parameter::key).toList();
    }

    /** The fault of this kind on a node; for a link fault, use {@link #onLink}, for a traffic fault {@link #onTraffic}. */
    public Fault onNode(Target target) {
        return switch (acts) {
            case ON_NODE -> new ContainerFault(ContainerFault.Action.valueOf(name()), target);
            case ON_HAPROXY -> new RoutingFault(target);
            case ON_SENTINEL -> new SentinelAuthFault(target);
            case ON_NODE_TRAFFIC, ON_NODE_RESOURCES, ON_REDIS, ON_POSTGRES_DISK, ON_LINK, BETWEEN_GROUPS ->
                    throw new IllegalStateException(id() + " takes parameters");
        };
    }

    /** The fault of this kind on a node's CPU, memory or disk; empty when a parameter is invalid. */
    public Optional<Fault> onResources(Target target, Parameters values) {
        if (!acts.onResources()) {
            throw new IllegalStateException(id() + " does not act on a node's resources");
        }
        return Optional.ofNullable(effect.apply(values)).map(resource -> new ResourceFault((ResourceEffect) resource, target));
    }

    /** The fault of this kind on a link (or every link of a kind); empty when a parameter is invalid. */
    public Optional<Fault> onLink(String link, Parameters values) {
        if (acts != Acts.ON_LINK) {
            throw new IllegalStateException(id() + " acts on a node");
        }
        return Optional.ofNullable(effect.apply(values)).map(linkEffect -> new LinkFault(link, (LinkEffect) linkEffect));
    }

    /**
     * The fault of this kind on a node's traffic with {@code from}, one of {@link #directions()};
     * empty when a parameter is invalid.
     */
    public Optional<Fault> onTraffic(Target target, Peers from, String direction, Parameters values) {
        if (acts != Acts.ON_NODE_TRAFFIC) {
            throw new IllegalStateException(id() + " does not act on a node's traffic");
        }
        return Optional.ofNullable(effect.apply(values))
                .map(trafficEffect -> new TrafficFault(target, from, direction(direction), (TrafficEffect) trafficEffect));
    }

    /** The fault of this kind between groups of nodes, in one of {@link #directions()}. */
    public Fault between(List<List<Target>> groups, String direction) {
        if (acts != Acts.BETWEEN_GROUPS) {
            throw new IllegalStateException(id() + " does not act between groups");
        }
        return new PartitionFault(groups, direction(direction));
    }

    /** What a file may give as {@code direction}. */
    public static List<String> directions() {
        return Arrays.stream(PacketFilter.Direction.values()).map(direction -> direction.name().toLowerCase(Locale.ROOT))
                .toList();
    }

    private static PacketFilter.Direction direction(String name) {
        return PacketFilter.Direction.valueOf(name.toUpperCase(Locale.ROOT));
    }

    public static Optional<FaultKind> byId(String id) {
        return Arrays.stream(values()).filter(kind -> kind.id().equals(id)).findFirst();
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(FaultKind::id).toList();
    }

    public static List<String> ids(Acts acts) {
        return Arrays.stream(values()).filter(kind -> kind.acts == acts).map(FaultKind::id).toList();
    }

    /**
     * Why the engine cannot do this fault, if it cannot: scaling and updating need the services of
     * an orchestrator; filling a node's disk needs a disk of a fixed size, which a Swarm task has not.
     */
    public Optional<String> unsupportedOn(Engine engine) {
        return switch (this) {
            case SCALE, ROLLING_UPDATE -> engine.orchestrated() ? Optional.empty()
                    : Optional.of(id() + " acts on a Swarm service: run with --engine swarm");
            case DISK_FULL -> engine.orchestrated() ? Optional.of(id() + " is not supported on Swarm: a node's WAL is on"
                    + " a named volume without a size of its own") : Optional.empty();
            default -> Optional.empty();
        };
    }

    /** Every parameter any fault takes. */
    public static List<String> allParameterKeys() {
        return Arrays.stream(values()).flatMap(kind -> kind.parameterKeys().stream()).distinct().toList();
    }

    /** The table of faults in scenarios/README.md. */
    public static String table() {
        StringBuilder table = new StringBuilder("| fault | acts on | parameters | healed by |\n|---|---|---|---|\n");
        for (FaultKind kind : values()) {
            table.append("| `").append(kind.id()).append("` | ").append(kind.acts.documented).append(" | ")
                    .append(String.join(", ", kind.parameters.stream().map(Parameter::documented).toList()))
                    .append(kind.parameters.isEmpty() ? "" : " ").append("| ").append(kind.healedBy).append(" |\n");
        }
        return table.toString();
    }
}
