package pretix.resilience.roles;

import java.util.List;

/** The stack's links as Toxiproxy serves them: where each leads, whether it is up, and its toxics. */
public record ToxiproxyView(String node, boolean reachable, List<LinkState> links, String error) {

    /** One proxy: {@code enabled = false} means the link is cut. */
    public record LinkState(String name, String upstream, boolean enabled, List<String> toxics) {}

    public static ToxiproxyView unreachable(String node, String error) {
        return new ToxiproxyView(node, false, List.of(), error);
    }

    public List<String> linkNames() {
        return links.stream().map(LinkState::name).toList();
    }
}
