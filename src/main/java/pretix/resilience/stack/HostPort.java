package pretix.resilience.stack;

/** Where the harness reaches a container port from the host. */
public record HostPort(String host, int port) {
    @Override
    public String toString() {
        return host + ":" + port;
    }
}
