package pretix.resilience.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import pretix.resilience.check.OrderIntegrity.QuotaState;
import pretix.resilience.stack.DeployedNode;
import pretix.resilience.stack.DeployedStack;
import pretix.resilience.stack.HostPort;
import pretix.resilience.stack.NodeClients;
import pretix.resilience.stack.Tier;

/**
 * What the database holds after a run, read from each PostgreSQL node directly: the event's
 * order codes per node (once the standbys caught up), the quotas counted from the positions
 * themselves, and the answers the shop stored under the idempotency keys of unknown orders.
 */
final class FinalState {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(10);

    private FinalState() {}

    /** Codes per reachable node, after waiting up to {@code catchUp} for every standby to hold as many as the primary. */
    static Map<String, Set<String>> orderCodes(DeployedStack stack, String primary, String event, Duration catchUp)
            throws InterruptedException {
        long deadline = System.nanoTime() + catchUp.toNanos();
        while (true) {
            Map<String, Set<String>> codes = new LinkedHashMap<>();
            for (DeployedNode node : stack.nodes(Tier.POSTGRES)) {
                if (node.running()) {
                    try {
                        codes.put(node.name(), codes(stack.clients(), node.servicePort(), event));
                    } catch (SQLException e) {
                        // an unreachable node shows as one without its orders
                    }
                }
            }
            int onPrimary = codes.getOrDefault(primary, Set.of()).size();
            boolean caughtUp = codes.values().stream().allMatch(node -> node.size() >= onPrimary);
            if (caughtUp || System.nanoTime() > deadline) {
                return codes;
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    static List<QuotaState> quotas(NodeClients clients, HostPort primary, String event) throws SQLException {
        List<QuotaState> quotas = new ArrayList<>();
        try (Connection connection = connect(clients, primary); PreparedStatement query = connection.prepareStatement(
                "select q.name, q.size, count(p.id) from quotas q join events e on e.id = q.event_id"
                        + " left join quota_items qi on qi.quota_id = q.id left join positions p on p.item_id = qi.item_id"
                        + " where e.slug = ? group by q.id, q.name, q.size")) {
            query.setString(1, event);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    quotas.add(new QuotaState(rows.getString(1), (Integer) rows.getObject(2), rows.getInt(3)));
                }
            }
        }
        return quotas;
    }

    /** Per idempotency key: the code of the order the shop placed under it, or null when it placed none. */
    static Map<String, String> reconcile(NodeClients clients, HostPort primary, List<String> keys)
            throws SQLException, IOException {
        Map<String, String> placed = new HashMap<>();
        keys.forEach(key -> placed.put(key, null));
        if (keys.isEmpty()) {
            return placed;
        }
        try (Connection connection = connect(clients, primary); PreparedStatement query = connection.prepareStatement(
                "select key, body from idempotency where status = 201 and key = any (?)")) {
            query.setArray(1, connection.createArrayOf("text", keys.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    placed.put(rows.getString(1), JSON.readTree(rows.getString(2)).path("code").asText());
                }
            }
        }
        return placed;
    }

    private static Set<String> codes(NodeClients clients, HostPort node, String event) throws SQLException {
        Set<String> codes = new HashSet<>();
        try (Connection connection = connect(clients, node); PreparedStatement query = connection.prepareStatement(
                "select o.code from orders o join events e on e.id = o.event_id where e.slug = ?")) {
            query.setString(1, event);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    codes.add(rows.getString(1));
                }
            }
        }
        return codes;
    }

    private static Connection connect(NodeClients clients, HostPort target) throws SQLException {
        return clients.postgres(target, QUERY_TIMEOUT);
    }
}
