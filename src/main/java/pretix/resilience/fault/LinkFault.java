package pretix.resilience.fault;

/**
 * A fault on links through Toxiproxy: one link ({@code shop-pgpool1}) or every link of a kind
 * ({@code shop-pgpool}).
 */
public record LinkFault(String link, LinkEffect effect) implements Fault {

    @Override
    public String describe() {
        return effect.describe() + " on " + link;
    }

    @Override
    public String tier() {
        return "links";
    }
}
