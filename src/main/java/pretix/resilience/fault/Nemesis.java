package pretix.resilience.fault;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import pretix.resilience.engine.Engine;
import pretix.resilience.history.History;
import pretix.resilience.roles.RoleObserver;
import pretix.resilience.roles.RoleSnapshot;
import pretix.resilience.stack.DeployedNode;
import pretix.resilience.stack.DeployedStack;
import pretix.resilience.stack.HostPort;
import pretix.resilience.stack.Link;
import pretix.resilience.stack.Node;
import pretix.resilience.stack.Tier;
import pretix.resilience.stack.Topology;

/**
 * Injects faults into a running stack and heals them: resolves each target when the fault
 * fires, records what it hit and when in the history, and heals whatever is still active when
 * it is closed (at the end of a test, on abort).
 */
public final class Nemesis implements AutoCloseable {

    private final Engine engine;
    private final Topology topology;
    private final Supplier<DeployedStack> stack;
    private final RoleObserver observer;
    private final History history;
    private final Random random;
    private final HaproxyRuntime haproxies;
    private final SentinelAuth sentinels;
    private final List<ActiveFault> active = new ArrayList<>();

    /** A fault in effect: healing undoes it and records the moment. */
    public record ActiveFault(int historyIndex, Fault fault, String hit, Heal heal) {}

    /** How one fault is undone. */
    @FunctionalInterface
    public interface Heal {
        void heal() throws IOException;
    }

    public Nemesis(Engine engine, Topology topology, Supplier<DeployedStack> stack, RoleObserver observer,
                   History history, Random random) {
        this.engine = engine;
        this.topology = topology;
        this.stack = stack;
        this.observer = observer;
        this.history = history;
        this.random = random;
        this.haproxies = new HaproxyRuntime(engine);
        this.sentinels = new SentinelAuth(engine);
    }

    public synchronized ActiveFault inject(Fault fault) throws IOException {
        DeployedStack now = stack.get();
        ActiveFault injected = fault instanceof ContainerFault container ? inject(container, now)
                : fault instanceof SettingFault setting ? inject(setting, now)
                : fault instanceof TrafficFault traffic ? inject(traffic, now)
                : fault instanceof ResourceFault resource ? inject(resource, now)
                : fault instanceof PartitionFault partition ? inject(partition, now)
                : inject((LinkFault) fault, now);
        active.add(injected);
        return injected;
    }

    private ActiveFault inject(ContainerFault fault, DeployedStack now) {
        return onNode(fault, fault.target(), fault.action().id(), now, hit -> {
            fault.action().inject(engine, now, hit);
            return () -> fault.action().repair().ifPresent(repair -> repair.apply(engine, now, hit));
        });
    }

    /** A fault on the one node {@code target} names now, recorded as {@code id} from the moment it began. */
    private ActiveFault onNode(Fault fault, Target target, String id, DeployedStack now, Function<DeployedNode, Heal> act) {
        String node = resolve(target, now);
        DeployedNode hit = now.node(node);
        long at = history.clock().now();
        Heal heal = act.apply(hit);
        return new ActiveFault(history.injected(id, target.expression(), node, at), fault, node, heal);
    }

    private ActiveFault inject(LinkFault fault, DeployedStack now) throws IOException {
        List<Proxy> proxies = proxies(now, fault.link());
        long at = history.clock().now();
        for (Proxy proxy : proxies) {
            fault.effect().apply(proxy);
        }
        return new ActiveFault(history.injected(fault.effect().describe(), fault.link(), fault.link(), at), fault,
                fault.link(), () -> {
                    for (Proxy proxy : proxies) {
                        fault.effect().undo(proxy);
                    }
                });
    }

    private ActiveFault inject(TrafficFault fault, DeployedStack now) {
        Supplier<RoleSnapshot> roles = observedOnce(now);
        String node = fault.target().resolve(topology, roles, random);
        DeployedNode hit = now.node(node);
        List<String> peers = fault.from().resolve(topology, node, roles, random);
        engine.filterPackets(now, hit, fault.effect().filter(peers, fault.direction()));
        // Setting a filter takes a helper about a second: the fault is in effect once it is set.
        long at = history.clock().now();
        return new ActiveFault(history.injected(fault.action(), fault.target().expression(), node, at), fault, node,
                () -> engine.clearPacketFilters(now, hit));
    }

    /** The node a target names now; the roles are observed only when it names one by role. */
    private String resolve(Target target, DeployedStack now) {
        return target.resolve(topology, () -> observer.observe(now, false), random);
    }

    /** The roles as one observation when a fault names several targets: asked once, and only if one names a role. */
    private Supplier<RoleSnapshot> observedOnce(DeployedStack now) {
        return new Supplier<>() {
            private RoleSnapshot observed;

            public RoleSnapshot get() {
                if (observed == null) {
                    observed = observer.observe(now, false);
                }
                return observed;
            }
        };
    }

    /** Each node of a group filters the groups after it. */
    private ActiveFault inject(PartitionFault fault, DeployedStack now) {
        Supplier<RoleSnapshot> roles = observedOnce(now);
        List<List<String>> groups = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (List<Target> group : fault.groups()) {
            List<String> names = group.stream().map(target -> target.resolve(topology, roles, random)).distinct().toList();
            for (String name : names) {
                if (!seen.add(name)) {
                    throw new IllegalStateException(fault.describe() + ": " + name + " is in two groups right now");
                }
            }
            groups.add(names);
        }
        List<DeployedNode> filtered = new ArrayList<>();
        try {
            for (int i = 0; i < groups.size() - 1; i++) {
                List<String> later = groups.subList(i + 1, groups.size()).stream().flatMap(List::stream).toList();
                for (String name : groups.get(i)) {
                    DeployedNode node = now.node(name);
                    filtered.add(node);
                    engine.filterPackets(now, node, new TrafficEffect.Isolate().filter(later, fault.direction()));
                }
            }
        } catch (RuntimeException e) {
            filtered.forEach(node -> engine.clearPacketFilters(now, node));
            throw e;
        }
        long at = history.clock().now();
        return new ActiveFault(history.injected("partition", fault.expression(), String.join(", ", seen), at), fault,
                String.join(", ", seen), () -> filtered.forEach(node -> engine.clearPacketFilters(now, node)));
    }

    private ActiveFault inject(ResourceFault fault, DeployedStack now) {
        return onNode(fault, fault.target(), fault.effect().describe(), now, hit -> {
            fault.effect().apply(engine, now, hit);
            return () -> {
                for (ContainerRepair repair : ContainerRepair.values()) {
                    if (repair.needed(engine.state(now, hit))) {
                        repair.apply(engine, now, hit);
                    }
                }
            };
        });
    }

    private ActiveFault inject(SettingFault fault, DeployedStack now) {
        return onNode(fault, fault.target(), fault.id(), now,
                hit -> fault instanceof RoutingFault ? misroute(hit) : misconfigure(now, hit));
    }

    private Heal misroute(DeployedNode haproxy) {
        List<String> servers = topology.nodes(Tier.REDIS).stream().map(Node::name).toList();
        haproxies.perServer(haproxy, servers, RoutingFault.SWITCH_OFF);
        return () -> haproxies.perServer(haproxy, servers, RoutingFault.SWITCH_ON);
    }

    private Heal misconfigure(DeployedStack now, DeployedNode sentinel) {
        sentinels.misconfigure(now, sentinel);
        return () -> sentinels.restore(now, sentinel);
    }

    public synchronized void heal(ActiveFault fault) throws IOException {
        if (active.remove(fault)) {
            fault.heal().heal();
            history.healed(fault.historyIndex(), history.clock().now());
        }
    }

    /** Whether any fault is in effect. */
    public synchronized boolean inEffect() {
        return !active.isEmpty();
    }

    /**
     * Leaves every fault in effect for investigation: closing heals nothing then. Returns them
     * in words, for {@code chaos heal} to undo later.
     */
    public synchronized List<String> leaveInEffect() {
        List<String> left = active.stream().map(fault -> fault.fault().describe() + " -> " + fault.hit()).toList();
        active.clear();
        return left;
    }

    /** Heals every fault still in effect, newest first; a failure to heal one does not stop the others. */
    @Override
    public synchronized void close() {
        List<String> failures = new ArrayList<>();
        List<ActiveFault> newestFirst = new ArrayList<>(active);
        Collections.reverse(newestFirst);
        for (ActiveFault fault : newestFirst) {
            try {
                heal(fault);
            } catch (IOException | RuntimeException e) {
                failures.add(fault.fault().describe() + ": " + e.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("could not heal: " + String.join("; ", failures));
        }
    }

    /** The proxies a link fault names: one link by its name, or every link of a kind by the kind's prefix. */
    private List<Proxy> proxies(DeployedStack now, String link) throws IOException {
        HostPort api = now.nodes(Tier.TOXIPROXY).get(0).servicePort();
        ToxiproxyClient client = new ToxiproxyClient(api.host(), api.port());
        List<Proxy> proxies = new ArrayList<>();
        for (Link candidate : topology.links()) {
            if (candidate.name().equals(link) || candidate.kind().prefix().equals(link)) {
                proxies.add(client.getProxy(candidate.name()));
            }
        }
        if (proxies.isEmpty()) {
            throw new IllegalArgumentException("no link '" + link + "': use a link name or kind, one of "
                    + topology.links().stream().map(Link::name).toList());
        }
        return proxies;
    }
}
