package pretix.resilience.fault;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.ContainerNetwork;
import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import pretix.resilience.stack.DeployedNode;
import pretix.resilience.stack.DeployedStack;
import pretix.resilience.stack.HostPort;
import pretix.resilience.stack.Link;
import pretix.resilience.stack.Tier;

/**
 * Undoes every fault on a stack without knowing which were injected, for a fault applied by hand
 * in another process ({@code chaos inject}): thaws frozen nodes, starts stopped ones, connects
 * disconnected ones again under their names, and enables every link without its toxic.
 */
public final class StackHealer {

    private final DockerClient docker;

    public StackHealer(DockerClient docker) {
        this.docker = docker;
    }

    /** @return what was healed, one line per repair */
    public List<String> healAll(DeployedStack stack) throws IOException {
        List<String> healed = new ArrayList<>();
        for (DeployedNode node : stack.nodes()) {
            InspectContainerResponse container = docker.inspectContainerCmd(node.containerId()).exec();
            if (Boolean.TRUE.equals(container.getState().getPaused())) {
                docker.unpauseContainerCmd(node.containerId()).exec();
                healed.add("thawed " + node.name());
            } else if (!Boolean.TRUE.equals(container.getState().getRunning())) {
                docker.startContainerCmd(node.containerId()).exec();
                healed.add("started " + node.name());
            }
            if (!container.getNetworkSettings().getNetworks().containsKey(stack.id())) {
                docker.connectToNetworkCmd().withNetworkId(stack.id()).withContainerId(node.containerId())
                        .withContainerNetwork(new ContainerNetwork().withAliases(node.name())).exec();
                healed.add("connected " + node.name());
            }
        }
        HostPort api = stack.nodes(Tier.TOXIPROXY).get(0).servicePort();
        ToxiproxyClient toxiproxy = new ToxiproxyClient(api.host(), api.port());
        for (Link link : stack.topology().links()) {
            Proxy proxy = toxiproxy.getProxy(link.name());
            if (!proxy.isEnabled()) {
                proxy.enable();
                healed.add("enabled link " + link.name());
            }
            if (proxy.toxics().getAll().stream().anyMatch(toxic -> toxic.getName().equals(LinkEffect.TOXIC_NAME))) {
                proxy.toxics().get(LinkEffect.TOXIC_NAME).remove();
                healed.add("removed the toxic on " + link.name());
            }
        }
        return healed;
    }
}
