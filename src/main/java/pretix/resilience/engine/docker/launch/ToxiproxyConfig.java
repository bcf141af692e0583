package pretix.resilience.engine.docker.launch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.List;
import pretix.resilience.stack.Link;

/** The stack's links as a Toxiproxy {@code -config} file, so that every proxy exists from the server's first moment. */
public final class ToxiproxyConfig {

    public static final String PATH = "/etc/toxiproxy/stack.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ToxiproxyConfig() {}

    public static String of(List<Link> links) {
        ArrayNode proxies = JSON.createArrayNode();
        links.forEach(link -> proxies.addObject()
                .put("name", link.name())
                .put("listen", "0.0.0.0:" + link.listenPort())
                .put("upstream", link.upstreamAddress())
                .put("enabled", true));
        return proxies.toString();
    }
}
