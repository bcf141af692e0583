package pretix.resilience.fault;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** What a link fault does to one proxy, and how it is undone: Toxiproxy's toxics behind one interface. */
public sealed interface LinkEffect {

    /** The toxic's name on the proxy, so that healing removes exactly what was added. */
    String TOXIC_NAME = "chaos";

    String describe();

    void apply(Proxy proxy) throws IOException;

    /** Removes the toxic this effect added; {@link Down} enables the proxy instead. */
    default void undo(Proxy proxy) throws IOException {
        removeToxic(proxy);
    }

    /** Undoes any effect on a proxy, whoever put it there; what it undid, in words. */
    static List<String> undoAny(Proxy proxy) throws IOException {
        List<String> undone = new ArrayList<>();
        if (!proxy.isEnabled()) {
            new Down().undo(proxy);
            undone.add("enabled link " + proxy.getName());
        }
        if (proxy.toxics().getAll().stream().anyMatch(toxic -> toxic.getName().equals(TOXIC_NAME))) {
            removeToxic(proxy);
            undone.add("removed the toxic on " + proxy.getName());
        }
        return undone;
    }

    private static void removeToxic(Proxy proxy) throws IOException {
        proxy.toxics().get(TOXIC_NAME).remove();
    }

    /** The link is cut: no new connection, open ones closed. */
    record Down() implements LinkEffect {
        public String describe() {
            return "down";
        }

        public void apply(Proxy proxy) throws IOException {
            proxy.disable();
        }

        public void undo(Proxy proxy) throws IOException {
            proxy.enable();
        }
    }

    /** Every chunk towards the client is delayed by {@code latencyMs} ± {@code jitterMs}. */
    record Latency(long latencyMs, long jitterMs) implements LinkEffect {
        public String describe() {
            return "latency " + latencyMs + " ms ± " + jitterMs + " ms";
        }

        public void apply(Proxy proxy) throws IOException {
            proxy.toxics().latency(TOXIC_NAME, ToxicDirection.DOWNSTREAM, latencyMs).setJitter(jitterMs);
        }
    }

    /** Traffic towards the client limited to {@code rateKbPerSecond}. */
    record Bandwidth(long rateKbPerSecond) implements LinkEffect {
        public String describe() {
            return "bandwidth " + rateKbPerSecond + " KB/s";
        }

        public void apply(Proxy proxy) throws IOException {
            proxy.toxics().bandwidth(TOXIC_NAME, ToxicDirection.DOWNSTREAM, rateKbPerSecond);
        }
    }

    /** Nothing passes; connections close after {@code timeoutMs} (0: stay open, silent). */
    record Timeout(long timeoutMs) implements LinkEffect {
        public String describe() {
            return "timeout " + timeoutMs + " ms";
        }

        public void apply(Proxy proxy) throws IOException {
            proxy.toxics().timeout(TOXIC_NAME, ToxicDirection.UPSTREAM, timeoutMs);
        }
    }

    /** Connections are reset (RST) after {@code timeoutMs}. */
    record ResetPeer(long timeoutMs) implements LinkEffect {
        public String describe() {
            return "reset_peer after " + timeoutMs + " ms";
        }

        public void apply(Proxy proxy) throws IOException {
            proxy.toxics().resetPeer(TOXIC_NAME, ToxicDirection.UPSTREAM, timeoutMs);
        }
    }
}
