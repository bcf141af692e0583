package pretix.resilience.engine.docker.swarm;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How a swarm makes the stack's services reachable. Swarm's routing mesh and service VIPs need
 * the kernel's IPVS; without it an ingress-published port refuses every connection, and only
 * DNS round robin with ports published on the node itself works.
 */
public enum Publishing {
    /** Service VIPs, ports published through the routing mesh: what swarms with IPVS use. */
    ROUTING_MESH("vip", "ingress", "the routing mesh (service VIPs, ingress-published ports)"),
    /** DNS round robin to the tasks, ports published on the node that runs each task. */
    HOST_PORTS("dnsrr", "host", "DNS round robin and ports published on the node (this kernel has no IPVS)");

    private final String endpointMode;
    private final String portMode;
    private final String description;

    Publishing(String endpointMode, String portMode, String description) {
        this.endpointMode = endpointMode;
        this.portMode = portMode;
        this.description = description;
    }

    /** The routing mesh where this machine's kernel has IPVS, host ports where it has none. */
    public static Publishing detect() {
        return Files.exists(Path.of("/proc/net/ip_vs")) || Files.isDirectory(Path.of("/sys/module/ip_vs"))
                ? ROUTING_MESH : HOST_PORTS;
    }

    String endpointMode() {
        return endpointMode;
    }

    String portMode() {
        return portMode;
    }

    @Override
    public String toString() {
        return description;
    }
}
