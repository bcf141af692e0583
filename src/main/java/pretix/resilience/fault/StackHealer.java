package pretix.resilience.fault;

import eu.rekawek.toxiproxy.ToxiproxyClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import pretix.resilience.engine.Engine;
import pretix.resilience.engine.NodeState;
import pretix.resilience.stack.DeployedNode;
import pretix.resilience.stack.DeployedStack;
import pretix.resilience.stack.HostPort;
import pretix.resilience.stack.Link;
import pretix.resilience.stack.Tier;

/**
 * Undoes every fault on a stack without knowing which were injected, for a fault applied by hand
 * in another process ({@code chaos inject}): each kind of fault is found from the state it leaves
 * and undone as the nemesis undoes it (container repairs, packet filters, link effects, HAProxy
 * checks, sentinels' passwords).
 */
public final class StackHealer {

    private final Engine engine;
    private final HaproxyRuntime haproxies;
    private final SentinelAuth sentinels;

    public StackHealer(Engine engine) {
        this.engine = engine;
        this.haproxies = new HaproxyRuntime(engine);
        this.sentinels = new SentinelAuth(engine);
    }

    /** @return what was healed, one line per repair */
    public List<String> healAll(DeployedStack stack) throws IOException {
        List<String> healed = new ArrayList<>();
        Set<DeployedNode> started = new HashSet<>();
        for (ContainerRepair repair : ContainerRepair.values()) {
            for (DeployedNode node : stack.nodes()) {
                NodeState state = engine.state(stack, node);
                if (repair.needed(state)) {
                    repair.apply(engine, stack, node);
                    healed.add(repair.describe(node));
                    if (repair == ContainerRepair.START) {
                        started.add(node);
                    }
                }
            }
        }
        for (DeployedNode node : stack.nodes()) {
            if (engine.clearPacketFilters(stack, node)) {
                healed.add("removed the packet filter of " + node.name());
            }
        }
        HostPort api = stack.nodes(Tier.TOXIPROXY).get(0).servicePort();
        ToxiproxyClient toxiproxy = new ToxiproxyClient(api.host(), api.port());
        for (Link link : stack.topology().links()) {
            healed.addAll(LinkEffect.undoAny(toxiproxy.getProxy(link.name())));
        }
        // An HAProxy started just now checks every server as configured.
        for (DeployedNode haproxy : stack.nodes(Tier.HAPROXY).stream().filter(node -> !started.contains(node)).toList()) {
            List<String> unchecked = haproxies.serversWithoutCheck(haproxy);
            if (!unchecked.isEmpty()) {
                haproxies.perServer(haproxy, unchecked, RoutingFault.SWITCH_ON);
                healed.add("switched the health checks of " + haproxy.name() + " on again for "
                        + String.join(", ", unchecked));
            }
        }
        // A sentinel started just now wrote its configuration from its secrets.
        for (DeployedNode sentinel : stack.nodes(Tier.SENTINEL).stream().filter(node -> !started.contains(node)).toList()) {
            if (sentinels.misconfigured(sentinel)) {
                sentinels.restore(stack, sentinel);
                healed.add("gave " + sentinel.name() + " the right auth-pass again");
            }
        }
        return healed;
    }
}
