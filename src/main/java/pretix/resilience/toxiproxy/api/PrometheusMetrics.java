package pretix.resilience.toxiproxy.api;

import java.util.List;
import pretix.resilience.toxiproxy.proxy.Proxy;
import pretix.resilience.toxiproxy.toxic.Stream;

/** Toxiproxy's proxy metrics in Prometheus' text format: bytes received and sent, per proxy and direction. */
final class PrometheusMetrics {

    private PrometheusMetrics() {}

    static String render(List<Proxy> proxies) {
        StringBuilder text = new StringBuilder();
        counter(text, "toxiproxy_proxy_received_bytes_total", "Bytes the proxy read, per direction.", proxies, true);
        counter(text, "toxiproxy_proxy_sent_bytes_total", "Bytes the proxy wrote, per direction.", proxies, false);
        return text.toString();
    }

    private static void counter(StringBuilder text, String metric, String help, List<Proxy> proxies, boolean received) {
        text.append("# HELP ").append(metric).append(' ').append(help).append('\n');
        text.append("# TYPE ").append(metric).append(" counter\n");
        for (Proxy proxy : proxies) {
            for (Stream stream : Stream.values()) {
                long bytes = received ? proxy.traffic().received(stream) : proxy.traffic().sent(stream);
                text.append(String.format("%s{direction=\"%s\",listener=\"%s\",proxy=\"%s\",upstream=\"%s\"} %d%n",
                        metric, stream.id(), proxy.listen(), proxy.name(), proxy.upstream(), bytes));
            }
        }
    }
}
