package pretix.resilience.result;

/** redis-benchmark's SET and GET over one hop, averaged: requests per second and latency percentiles in ms. */
public record HopFigures(double requestsPerSecond, double p50Ms, double p99Ms) {}
