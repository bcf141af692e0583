package pretix.resilience.result;

/**
 * Buyers that each place their next order as soon as the last one was answered, for {@code
 * seconds}: the orders per second the stack sustains, with latency from each order's sending.
 */
public record ClosedLoop(int buyers, double seconds, int acknowledged, int failed, double p50Ms, double p99Ms) {

    public double ordersPerSecond() {
        return acknowledged / seconds;
    }
}
