package pretix.resilience.result;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The cost of our proxy on the data path, no toxic: rounds of redis-benchmark against one Redis
 * directly, through our proxy, and through HAProxy in TCP mode (the reference hop: on a small
 * machine client, Redis and proxy share the cores, and HAProxy shows what any proxy costs there),
 * then once with many clients through our proxy at once. Figures are medians over the rounds.
 */
public record ProxyOverhead(int clients, int requests, List<Round> rounds, int manyClients, HopFigures manyClientsThroughOurs) {

    /** One round: the three hops one after the other. */
    public record Round(HopFigures direct, HopFigures ours, HopFigures haproxy) {}

    /** Our proxy's throughput as a share of direct. */
    public double throughputRatio() {
        return median(round -> round.ours().requestsPerSecond() / round.direct().requestsPerSecond());
    }

    public double haproxyThroughputRatio() {
        return median(round -> round.haproxy().requestsPerSecond() / round.direct().requestsPerSecond());
    }

    /** Our proxy's throughput as a share of HAProxy's hop: at least 1 when ours is no slower. */
    public double throughputAgainstHaproxy() {
        return median(round -> round.ours().requestsPerSecond() / round.haproxy().requestsPerSecond());
    }

    public double addedP50Ms() {
        return median(round -> round.ours().p50Ms() - round.direct().p50Ms());
    }

    public double addedP99Ms() {
        return median(round -> round.ours().p99Ms() - round.direct().p99Ms());
    }

    public double haproxyAddedP99Ms() {
        return median(round -> round.haproxy().p99Ms() - round.direct().p99Ms());
    }

    private double median(ToDoubleFunction<Round> figure) {
        return Median.of(rounds.stream().mapToDouble(figure).toArray());
    }
}
