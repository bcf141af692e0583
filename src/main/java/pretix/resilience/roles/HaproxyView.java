package pretix.resilience.roles;

import java.util.List;

/** What one HAProxy routes to: the Redis servers its role check marks UP, and whether PING passes through. */
public record HaproxyView(String node, boolean reachable, List<String> upServers, boolean pong, String error) {

    public static HaproxyView unreachable(String node, String error) {
        return new HaproxyView(node, false, List.of(), false, error);
    }
}
