package pretix.resilience.stack;

import java.util.Map;

/**
 * A node as deployed: its container, whether that runs, and the host ports its container
 * ports are published on (none while it is stopped; new ones after a restart).
 */
public record DeployedNode(Node node, String containerId, boolean running, Map<Integer, HostPort> ports) {

    public String name() {
        return node.name();
    }

    public Tier tier() {
        return node.tier();
    }

    public HostPort port(int containerPort) {
        HostPort hostPort = ports.get(containerPort);
        if (hostPort == null) {
            throw new IllegalStateException(name() + " does not publish port " + containerPort);
        }
        return hostPort;
    }

    public HostPort servicePort() {
        return port(tier().servicePort());
    }
}
