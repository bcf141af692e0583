package pretix.resilience.engine;

/** What a removal removed, and how many resources it found but could not remove yet. */
public record Swept(int services, int containers, int networks, int volumes, int pending) {

    public int total() {
        return services + containers + networks + volumes + pending;
    }

    public Swept plus(Swept other) {
        return new Swept(services + other.services, containers + other.containers, networks + other.networks,
                volumes + other.volumes, other.pending);
    }

    @Override
    public String toString() {
        return (services > 0 ? services + " Swarm services, " : "") + containers + " containers, " + networks
                + " networks, " + volumes + " volumes";
    }
}
