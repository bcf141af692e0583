package pretix.resilience.fault;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.ContainerNetwork;
import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import pretix.resilience.docker.ContainerExec;
import pretix.resilience.history.History;
import pretix.resilience.roles.RoleObserver;
import pretix.resilience.stack.DeployedNode;
import pretix.resilience.stack.DeployedStack;
import pretix.resilience.stack.HostPort;
import pretix.resilience.stack.Link;
import pretix.resilience.stack.Tier;
import pretix.resilience.stack.Topology;

/**
 * Injects faults into a running stack and heals them: resolves each target when the fault
 * fires, records what it hit and when in the history, and heals whatever is still active when
 * it is closed (at the end of a test, on abort).
 */
public final class Nemesis implements AutoCloseable {

    private static final int STOP_TIMEOUT_SECONDS = 10;
    private static final Duration RUNTIME_API_TIMEOUT = Duration.ofSeconds(5);

    private final DockerClient docker;
    private final Topology topology;
    private final Supplier<DeployedStack> stack;
    private final RoleObserver observer;
    private final History history;
    private final Random random;
    private final List<ActiveFault> active = new ArrayList<>();

    /** A fault in effect: healing undoes it and records the moment. */
    public record ActiveFault(int historyIndex, Fault fault, String hit, Heal heal) {}

    /** How one fault is undone. */
    @FunctionalInterface
    public interface Heal {
        void heal() throws IOException;
    }

    public Nemesis(DockerClient docker, Topology topology, Supplier<DeployedStack> stack, RoleObserver observer,
                   History history, Random random) {
        this.docker = docker;
        this.topology = topology;
        this.stack = stack;
        this.observer = observer;
        this.history = history;
        this.random = random;
    }

    public synchronized ActiveFault inject(Fault fault) throws IOException {
        DeployedStack now = stack.get();
        ActiveFault injected = fault instanceof ContainerFault container ? inject(container, now)
                : fault instanceof RoutingFault routing ? inject(routing, now)
                : inject((LinkFault) fault, now);
        active.add(injected);
        return injected;
    }

    private ActiveFault inject(ContainerFault fault, DeployedStack now) {
        String node = fault.target().resolve(topology, () -> observer.observe(now, false), random);
        long at = history.clock().now();
        Heal heal = apply(fault.action(), now, now.node(node));
        return new ActiveFault(history.injected(fault.action().id(), fault.target().expression(), node, at), fault,
                node, heal);
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

    private ActiveFault inject(RoutingFault fault, DeployedStack now) {
        String node = fault.target().resolve(topology, () -> observer.observe(now, false), random);
        String container = now.node(node).containerId();
        long at = history.clock().now();
        // Without its checks a server keeps its last state: the replicas must be declared up as well.
        haproxyRuntime(container, "disable health redis/%s", "set server redis/%s health up");
        return new ActiveFault(history.injected(RoutingFault.ID, fault.target().expression(), node, at), fault, node,
                () -> haproxyRuntime(container, "enable health redis/%s"));
    }

    /** Sends each command, once per Redis node, to an HAProxy's runtime API. */
    private void haproxyRuntime(String container, String... commands) {
        String script = topology.nodes(Tier.REDIS).stream()
                .flatMap(redis -> Arrays.stream(commands).map(command -> command.formatted(redis.name())))
                .map(command -> "echo '" + command + "' | socat stdio /tmp/haproxy.sock")
                .collect(Collectors.joining(" && "));
        new ContainerExec(docker).run(container, List.of(), RUNTIME_API_TIMEOUT, "sh", "-c", script);
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

    private Heal apply(ContainerFault.Action action, DeployedStack now, DeployedNode node) {
        String id = node.containerId();
        return switch (action) {
            case KILL -> {
                docker.killContainerCmd(id).exec();
                yield () -> docker.startContainerCmd(id).exec();
            }
            case STOP -> {
                docker.stopContainerCmd(id).withTimeout(STOP_TIMEOUT_SECONDS).exec();
                yield () -> docker.startContainerCmd(id).exec();
            }
            case PAUSE -> {
                docker.pauseContainerCmd(id).exec();
                yield () -> docker.unpauseContainerCmd(id).exec();
            }
            case RESTART -> {
                docker.restartContainerCmd(id).withTimeout(STOP_TIMEOUT_SECONDS).exec();
                yield () -> { };
            }
            case DISCONNECT -> {
                docker.disconnectFromNetworkCmd().withNetworkId(now.id()).withContainerId(id).withForce(true).exec();
                yield () -> docker.connectToNetworkCmd().withNetworkId(now.id()).withContainerId(id)
                        .withContainerNetwork(new ContainerNetwork().withAliases(node.name())).exec();
            }
        };
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
