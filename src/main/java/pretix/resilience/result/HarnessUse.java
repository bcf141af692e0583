package pretix.resilience.result;

/**
 * What the harness itself used while it drove orders at {@code ordersPerSecond}: its process's
 * CPU during the phase (the load generator, its clients, the questions to Docker), the CPU the
 * checkers then took over the phase's history, and the most heap in use (the JVM's peak of each
 * heap pool, summed).
 */
public record HarnessUse(double ordersPerSecond, double phaseSeconds, int orders, double loadCores, double checkersCpuMs,
                         double heapPeakMiB) {

    /** Load generator and checkers together, in cores: the checkers' CPU spread over the phase they judged. */
    public double cores() {
        return loadCores + checkersCpuMs / 1000 / phaseSeconds;
    }
}
