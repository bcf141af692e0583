package pretix.resilience.toxiproxy.api;

import java.util.List;
import pretix.resilience.toxiproxy.proxy.ProxyRegistry.ProxyRequest;

/** A {@code -config} file: the same JSON array of proxies that {@code POST /populate} takes. */
public final class ConfigFile {

    private ConfigFile() {}

    public static List<ProxyRequest> read(String content) {
        return JsonBodies.populateRequest(JsonBodies.parse(content));
    }
}
