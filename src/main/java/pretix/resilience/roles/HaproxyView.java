package pretix.resilience.roles;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one HAProxy routes to: the Redis servers its role check marks UP, the client sessions it
 * holds open on each server, and whether PING passes through.
 */
public record HaproxyView(String node, boolean reachable, List<String> upServers, Map<String, Integer> sessions,
                          boolean pong, String error) {

    public HaproxyView {
        sessions = Collections.unmodifiableMap(new TreeMap<>(sessions));
    }

    public static HaproxyView unreachable(String node, String error) {
        return new HaproxyView(node, false, List.of(), Map.of(), false, error);
    }

    /** Servers other than {@code master} on which clients still hold sessions, with their count. */
    public Map<String, Integer> sessionsOffMaster(String master) {
        Map<String, Integer> off = new TreeMap<>(sessions);
        off.remove(master);
        off.values().removeIf(count -> count == 0);
        return off;
    }
}
