package pretix.resilience.workload;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import pretix.resilience.client.PretixClient;
import pretix.resilience.client.Quickstart;
import pretix.resilience.stack.DeployedNode;
import pretix.resilience.stack.DeployedStack;
import pretix.resilience.stack.ShopAccess;
import pretix.resilience.stack.Tier;

/** Where orders go: one client per nginx of a stack (the history names each by its nginx), and the event they buy from. */
public record OrderTarget(List<PretixClient> clients, List<String> nginxes, Quickstart.Event event) {

    /** One client per nginx, each through its client link, with the stack's shop credentials. */
    public static List<PretixClient> clients(DeployedStack stack, Duration timeout) {
        ShopAccess access = stack.shopAccess();
        return stack.shopUrls().stream()
                .map(url -> new PretixClient(url, access.organizer(), access.token(), timeout)).toList();
    }

    /** A new event with one item and a quota of {@code quota}, bought through every nginx of the stack. */
    public static OrderTarget create(DeployedStack stack, Duration timeout, String slug, int quota) throws IOException {
        List<PretixClient> clients = clients(stack, timeout);
        return new OrderTarget(clients, stack.nodes(Tier.NGINX).stream().map(DeployedNode::name).toList(),
                Quickstart.create(clients.get(0), slug, quota));
    }
}
