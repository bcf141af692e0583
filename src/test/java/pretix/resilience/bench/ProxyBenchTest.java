package pretix.resilience.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import pretix.resilience.result.HopFigures;

class ProxyBenchTest {

    @Test
    void averagesSetAndGetOfRedisBenchmarksCsv() {
        HopFigures hop = ProxyBench.parse("""
                "test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95_latency_ms","p99_latency_ms","max_latency_ms"
                "SET","48780.49","0.075","0.008","0.071","0.119","0.247","0.583"
                "GET","51282.05","0.070","0.016","0.063","0.103","0.191","0.295"
                """);

        assertThat(hop.requestsPerSecond()).isCloseTo(50031.27, within(0.01));
        assertThat(hop.p50Ms()).isCloseTo(0.067, within(1e-9));
        assertThat(hop.p99Ms()).isCloseTo(0.219, within(1e-9));
    }

    @Test
    void anOutputWithoutResultsIsAnError() {
        assertThatThrownBy(() -> ProxyBench.parse("\"test\",\"rps\"\n"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("printed no result");
    }
}
