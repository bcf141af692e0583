package pretix.resilience.bench;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import pretix.resilience.engine.Engine;
import pretix.resilience.result.HopFigures;
import pretix.resilience.result.ProxyOverhead;
import pretix.resilience.stack.DeployedNode;
import pretix.resilience.stack.DeployedStack;
import pretix.resilience.stack.HostPort;
import pretix.resilience.stack.Node;
import pretix.resilience.stack.Tier;

/**
 * Measures {@link ProxyOverhead} inside a running stack, on its own nodes: redis-benchmark runs in
 * a Redis replica against the master directly, through a proxy added to the stack's Toxiproxy for
 * the purpose (removed after), and through an HAProxy, which forwards to the master too.
 */
final class ProxyBench {

    static final String PROXY = "bench-redis";
    static final int LISTEN_PORT = 36379;
    private static final Duration ONE_HOP = Duration.ofMinutes(3);

    private final Engine engine;
    private final Consumer<String> progress;

    ProxyBench(Engine engine, Consumer<String> progress) {
        this.engine = engine;
        this.progress = progress;
    }

    ProxyOverhead measure(DeployedStack stack, BenchPlan plan) throws IOException {
        Node master = stack.topology().initialRedisMaster();
        DeployedNode client = stack.nodes(Tier.REDIS).stream().filter(node -> !node.node().equals(master)).findFirst()
                .orElseThrow(() -> new IllegalStateException("the stack has no Redis replica to run redis-benchmark in"));
        String direct = master.name() + ":" + Tier.REDIS.servicePort();
        String ours = stack.nodes(Tier.TOXIPROXY).get(0).name() + ":" + LISTEN_PORT;
        String haproxy = stack.nodes(Tier.HAPROXY).get(0).name() + ":" + Tier.HAPROXY.servicePort();
        HostPort api = stack.nodes(Tier.TOXIPROXY).get(0).servicePort();
        Proxy proxy = new ToxiproxyClient(api.host(), api.port()).createProxy(PROXY, "0.0.0.0:" + LISTEN_PORT, direct);
        try {
            List<ProxyOverhead.Round> rounds = new ArrayList<>();
            for (int round = 1; round <= plan.proxyRounds(); round++) {
                ProxyOverhead.Round measured = new ProxyOverhead.Round(hop(client, direct, plan.proxyClients(), plan),
                        hop(client, ours, plan.proxyClients(), plan), hop(client, haproxy, plan.proxyClients(), plan));
                rounds.add(measured);
                progress.accept(String.format(Locale.ROOT, "  proxy round %d of %d: direct %.0f, ours %.0f, HAProxy %.0f"
                                + " requests/s", round, plan.proxyRounds(), measured.direct().requestsPerSecond(),
                        measured.ours().requestsPerSecond(), measured.haproxy().requestsPerSecond()));
            }
            HopFigures many = hop(client, ours, plan.manyClients(), plan);
            progress.accept(String.format(Locale.ROOT, "  %d clients at once through ours: %.0f requests/s",
                    plan.manyClients(), many.requestsPerSecond()));
            return new ProxyOverhead(plan.proxyClients(), plan.proxyRequests(), rounds, plan.manyClients(), many);
        } finally {
            proxy.delete();
        }
    }

    private HopFigures hop(DeployedNode client, String target, int clients, BenchPlan plan) {
        String[] hostPort = target.split(":");
        // redis-benchmark reads no password from the environment; the argument is seen inside the node only.
        return parse(engine.exec(client, List.of(), ONE_HOP, "sh", "-c",
                "exec redis-benchmark -a \"$(cat \"$REDIS_PASSWORD_FILE\")\" \"$@\"", "-",
                "-h", hostPort[0], "-p", hostPort[1], "-t", "set,get", "-n", String.valueOf(plan.proxyRequests()), "-c",
                String.valueOf(clients), "--csv"));
    }

    /**
     * redis-benchmark's {@code --csv}: a header, then one line per test with the requests per
     * second, average, min, p50, p95, p99 and max latency in ms; SET and GET averaged.
     */
    static HopFigures parse(String csv) {
        List<double[]> rows = csv.lines().skip(1).filter(line -> !line.isBlank())
                .map(line -> Arrays.stream(line.replace("\"", "").split(",")).skip(1)
                        .mapToDouble(Double::parseDouble).toArray())
                .toList();
        if (rows.isEmpty()) {
            throw new IllegalStateException("redis-benchmark printed no result: " + csv);
        }
        return new HopFigures(rows.stream().mapToDouble(row -> row[0]).average().orElseThrow(),
                rows.stream().mapToDouble(row -> row[3]).average().orElseThrow(),
                rows.stream().mapToDouble(row -> row[5]).average().orElseThrow());
    }
}
