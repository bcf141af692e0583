package pretix.resilience.stack;

/**
 * A connection between tiers that passes through Toxiproxy, so that faults can slow or cut it:
 * one proxy per upstream node ({@code shop-pgpool1}), named by its kind and the node it leads to.
 * The replication link is a single proxy that always leads to the current primary.
 */
public record Link(Kind kind, Node upstream) {

    /** The kinds of link, each with the first of the ports Toxiproxy listens on for it. */
    public enum Kind {
        CLIENT_NGINX("client-nginx", Tier.NGINX, 18080),
        SHOP_PGPOOL("shop-pgpool", Tier.PGPOOL, 15432),
        SHOP_HAPROXY("shop-haproxy", Tier.HAPROXY, 16379),
        REPLICATION("replication", Tier.POSTGRES, 25432);

        private final String prefix;
        private final Tier upstreamTier;
        private final int firstPort;

        Kind(String prefix, Tier upstreamTier, int firstPort) {
            this.prefix = prefix;
            this.upstreamTier = upstreamTier;
            this.firstPort = firstPort;
        }

        public String prefix() {
            return prefix;
        }

        public Tier upstreamTier() {
            return upstreamTier;
        }

        /** Clients outside the stack (the workload) reach nginx through this link's published port. */
        public boolean clientFacing() {
            return this == CLIENT_NGINX;
        }
    }

    public String name() {
        return kind == Kind.REPLICATION ? kind.prefix : kind.prefix + upstream.index();
    }

    /** The port Toxiproxy listens on for this link, inside the stack network. */
    public int listenPort() {
        return kind.firstPort + (kind == Kind.REPLICATION ? 0 : upstream.index());
    }

    /** Where the proxy leads, as {@code host:port} on the stack network. */
    public String upstreamAddress() {
        return upstream.name() + ":" + upstream.tier().servicePort();
    }
}
