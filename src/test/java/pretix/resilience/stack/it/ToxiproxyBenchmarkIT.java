package pretix.resilience.stack.it;

import static org.assertj.core.api.Assertions.assertThat;
import static pretix.resilience.stack.it.BenchmarkReport.median;

import eu.rekawek.toxiproxy.ToxiproxyClient;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import pretix.resilience.engine.docker.launch.SecretFiles;
import pretix.resilience.stack.Tier;

/**
 * The proxy's cost on the data path with no toxic: redis-benchmark against the same Redis,
 * direct and through the proxy, in one run, three rounds. HAProxy (C, epoll) in TCP mode makes
 * the same hop as a reference: on a small machine benchmark, Redis and proxy share the cores,
 * and the reference shows what any proxy costs there. Opt-in (-Dbenchmark=true): it takes
 * minutes and measures the machine as much as the code.
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class ToxiproxyBenchmarkIT {

    private static final int ROUNDS = Integer.getInteger("benchmark.rounds", 3);
    private static final String REQUESTS = "200000";
    private static final String CLIENTS = "50";

    /** One redis-benchmark line: requests per second and latency percentiles in ms. */
    record Figures(double rps, double p50, double p99) {}

    @Test
    void theProxyCostsNoMoreThanHaproxysHopAndHoldsAThousandConnections() throws Exception {
        try (ToxiproxyWithRedis stack = new ToxiproxyWithRedis(); GenericContainer<?> haproxy = referenceProxy(stack)) {
            new ToxiproxyClient(stack.toxiproxy.getHost(), stack.toxiproxy.getControlPort())
                    .createProxy("redis", "0.0.0.0:" + ToxiproxyWithRedis.PROXY_PORT, "redis:6379");
            List<Double> ratios = new ArrayList<>();
            List<Double> addedP50 = new ArrayList<>();
            List<Double> addedP99 = new ArrayList<>();
            List<Double> referenceRatios = new ArrayList<>();
            List<Double> referenceAddedP99 = new ArrayList<>();
            for (int round = 1; round <= ROUNDS; round++) {
                Figures direct = benchmark(stack, "redis", "6379", CLIENTS);
                Figures proxied = benchmark(stack, "toxiproxy", String.valueOf(ToxiproxyWithRedis.PROXY_PORT), CLIENTS);
                Figures reference = benchmark(stack, "haproxy", "6379", CLIENTS);
                ratios.add(proxied.rps() / direct.rps());
                addedP50.add(proxied.p50() - direct.p50());
                addedP99.add(proxied.p99() - direct.p99());
                referenceRatios.add(reference.rps() / direct.rps());
                referenceAddedP99.add(reference.p99() - direct.p99());
                System.out.printf("round %d: direct %s; toxiproxy %s; haproxy %s%n", round, direct, proxied, reference);
            }
            Figures thousand = benchmark(stack, "toxiproxy", String.valueOf(ToxiproxyWithRedis.PROXY_PORT), "1000");

            Map<String, Object> result = new LinkedHashMap<>();
            result.put("rounds", ROUNDS);
            result.put("clients", Integer.parseInt(CLIENTS));
            result.put("throughputRatioMedian", median(ratios));
            result.put("addedP50MsMedian", median(addedP50));
            result.put("addedP99MsMedian", median(addedP99));
            result.put("thousandConnectionsRps", thousand.rps());
            result.put("referenceHaproxyThroughputRatioMedian", median(referenceRatios));
            result.put("referenceHaproxyAddedP99MsMedian", median(referenceAddedP99));
            BenchmarkReport.write("toxiproxy", result);
            System.out.printf("absolute goals: throughput ratio >= 0.9: %s; added p99 < 1 ms: %s%n",
                    median(ratios) >= 0.9 ? "met" : "missed", median(addedP99) < 1.0 ? "met" : "missed");

            assertThat(thousand.rps()).as("1000 clients through the proxy").isPositive();
            // Where benchmark, Redis and proxy share few cores, no proxy reaches the absolute goals
            // (>= 0.9 of direct throughput, < 1 ms added p99); both are reported, and the check is
            // that ours costs no more than HAProxy's hop on the same machine.
            assertThat(median(ratios)).as("throughput ratio vs HAProxy's %.2f", median(referenceRatios))
                    .isGreaterThanOrEqualTo(0.9 * median(referenceRatios));
            assertThat(median(addedP99)).as("added p99 ms vs HAProxy's %.3f", median(referenceAddedP99))
                    .isLessThan(median(referenceAddedP99) + 1.0);
        }
    }

    /** HAProxy in TCP mode in front of the same Redis, as our haproxy image configures it. */
    private static GenericContainer<?> referenceProxy(ToxiproxyWithRedis stack) {
        GenericContainer<?> haproxy = SecretFiles.give(new GenericContainer<>(stack.image("haproxy")), Tier.HAPROXY,
                        stack.secrets)
                .withNetwork(stack.network).withNetworkAliases("haproxy")
                .withLabels(stack.labels)
                .withEnv(Map.of("REDIS_NODES", "redis", "CHECK_INTER_MS", "1000", "CHECK_FALL", "3", "CHECK_RISE", "1",
                        "SHUTDOWN_SESSIONS", "no", "HOLD_UNTIL_CHECKED", "no", "REQUIRE_REPLICA", "no"))
                .waitingFor(Wait.forLogMessage(".*Loading success.*", 1));
        haproxy.start();
        return haproxy;
    }

    private static Figures benchmark(ToxiproxyWithRedis stack, String host, String port, String clients) throws Exception {
        ExecResult run = stack.redis.execInContainer("sh", "-c", "REDISCLI_AUTH=$(cat $REDIS_PASSWORD_FILE) exec \"$@\"", "-",
                "redis-benchmark", "-h", host, "-p", port, "-t", "set,get",
                "-n", REQUESTS, "-c", clients, "--csv");
        assertThat(run.getExitCode()).as(run.getStderr()).isZero();
        List<double[]> rows = run.getStdout().lines().skip(1)
                .map(line -> Arrays.stream(line.replace("\"", "").split(",")).skip(1)
                        .mapToDouble(Double::parseDouble).toArray())
                .toList();
        // columns after the test name: rps, avg, min, p50, p95, p99, max
        return new Figures(rows.stream().mapToDouble(row -> row[0]).average().orElseThrow(),
                rows.stream().mapToDouble(row -> row[3]).average().orElseThrow(),
                rows.stream().mapToDouble(row -> row[5]).average().orElseThrow());
    }
}
