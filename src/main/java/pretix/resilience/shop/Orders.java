package pretix.resilience.shop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import pretix.resilience.shop.Catalog.Event;
import pretix.resilience.shop.http.ApiError;

/**
 * Orders with pretix's quota semantics: the quotas of the ordered items are locked with
 * {@code pg_advisory_xact_lock} under {@code lock_timeout = 3s} and checked, and the order is
 * counted into them in the same transaction, so no quota is ever oversold.
 */
public final class Orders {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ3789";
    private static final String SECRET_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final String LOCK_NOT_AVAILABLE = "55P03";
    private static final int PAGE_SIZE = 50;
    private static final int CODE_ATTEMPTS = 10;

    private final DataSource database;
    private final SecureRandom random = new SecureRandom();

    Orders(DataSource database) {
        this.database = database;
    }

    /** A position as requested: the item, the price to charge, and the quotas the item counts into. */
    private record Requested(int item, BigDecimal price, List<Integer> quotas) {}

    /** An order written in the caller's transaction but not yet counted into its quotas. */
    public record Draft(ObjectNode json, String status, Map<Integer, Integer> quotaDemand, Map<Integer, String> quotaNames) {}

    /**
     * Validates and writes an order inside the caller's transaction. Every refusal is an
     * {@link ApiError}; after one, the caller rolls back what this method did.
     */
    public Draft write(Connection transaction, Event event, JsonNode body) throws SQLException {
        String status = body.path("status").asText("n");
        if (!status.equals("n") && !status.equals("p")) {
            throw ApiError.field("status", "\"" + status + "\" is not a valid choice.");
        }
        JsonNode positions = body.path("positions");
        if (!positions.isArray() || positions.isEmpty()) {
            throw ApiError.field("positions", "An order cannot be empty.");
        }
        Map<Integer, String> quotaNames = new TreeMap<>();
        List<Requested> requested = requested(transaction, event, positions, quotaNames);
        Map<Integer, Integer> demand = new TreeMap<>();
        requested.forEach(position -> position.quotas().forEach(quota -> demand.merge(quota, 1, Integer::sum)));
        ObjectNode order = insert(transaction, event, status, body.path("email").asText(null), requested);
        return new Draft(order, status, demand, quotaNames);
    }

    /**
     * Counts a written order into every quota it touches, each under its advisory lock taken
     * in id order (concurrent orders never deadlock), and refuses it, with pretix's 400, if a
     * quota has too little left, or with 409 if a lock is not had within the lock timeout. Call
     * it last before the commit: the quotas stay locked until then. Counters kept with every
     * order make the check constant-time, where counting the quota's positions would grow with
     * every order sold, while the lock is held. Lock, check and count are one statement, so that the
     * lock is held for one round trip and the commit.
     */
    public void reserveQuotas(Connection transaction, Draft draft) throws SQLException {
        String counter = draft.status().equals("p") ? "paid" : "pending";
        try {
            for (Map.Entry<Integer, Integer> quota : draft.quotaDemand().entrySet()) {
                // Whenever the scan reads the row, the update re-checks it against the version a
                // concurrent order committed (read committed), so the count is right in any plan order.
                int counted = Sql.update(transaction, "with quota_lock as materialized (select pg_advisory_xact_lock(?))"
                        + " update quotas set " + counter + " = " + counter + " + ? from quota_lock"
                        + " where id = ? and (size is null or size - pending - paid >= ?)",
                        (long) quota.getKey(), quota.getValue(), quota.getKey(), quota.getValue());
                if (counted == 0) {
                    throw new ApiError(400, positionError("item", "There is not enough quota available on quota \""
                            + draft.quotaNames().get(quota.getKey()) + "\" to perform the operation."));
                }
            }
        } catch (SQLException e) {
            if (LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
                throw ApiError.detail(409, "We were not able to process the request completely as the server"
                        + " was too busy. Please try again.");
            }
            throw e;
        }
    }

    public ObjectNode get(Event event, String code) throws SQLException {
        try (Connection connection = database.getConnection()) {
            List<ObjectNode> orders = load(connection, event, "and code = ?", code, 0);
            if (orders.isEmpty()) {
                throw ApiError.detail(404, "Not found.");
            }
            return orders.get(0);
        }
    }

    /** pretix's paginated list: {@code count}, {@code next}, {@code previous}, {@code results}. */
    public ObjectNode list(Event event, int page, String baseUrl) throws SQLException {
        try (Connection connection = database.getConnection()) {
            int count;
            try (PreparedStatement query = connection.prepareStatement("select count(*) from orders where event_id = ?")) {
                query.setInt(1, event.id());
                try (ResultSet rows = query.executeQuery()) {
                    rows.next();
                    count = rows.getInt(1);
                }
            }
            ObjectNode result = JSON.createObjectNode().put("count", count);
            boolean more = (long) page * PAGE_SIZE < count;
            result.put("next", more ? baseUrl + "?page=" + (page + 1) : null);
            result.put("previous", page > 1 ? baseUrl + "?page=" + (page - 1) : null);
            ArrayNode results = result.putArray("results");
            load(connection, event, "", null, (page - 1) * PAGE_SIZE).forEach(results::add);
            return result;
        }
    }

    /** Quota availability as pretix reports it. */
    public ObjectNode availability(Event event, int quotaId) throws SQLException {
        try (Connection connection = database.getConnection()) {
            QuotaCount quota = quotaCount(connection, event, quotaId);
            Integer size = quota.size();
            int pending = quota.pending();
            int paid = quota.paid();
            ObjectNode node = JSON.createObjectNode();
            if (size == null) {
                node.put("available", true).putNull("available_number");
                node.putNull("total_size");
            } else {
                int available = Math.max(0, size - pending - paid);
                node.put("available", available > 0).put("available_number", available).put("total_size", size);
            }
            node.put("pending_orders", pending).put("paid_orders", paid).put("cart_positions", 0)
                    .put("blocking_vouchers", 0).put("waiting_list", 0);
            return node;
        }
    }

    /** The requested positions with their prices and quotas, read in one query; pretix's 400 for an unknown item. */
    private static List<Requested> requested(Connection connection, Event event, JsonNode positions,
                                             Map<Integer, String> quotaNames) throws SQLException {
        List<Integer> items = new ArrayList<>();
        for (JsonNode position : positions) {
            JsonNode item = position.path("item");
            if (!item.canConvertToInt()) {
                throw new ApiError(400, positionError("item", "This field is required."));
            }
            items.add(item.asInt());
        }
        Map<Integer, BigDecimal> prices = new HashMap<>();
        Map<Integer, List<Integer>> quotas = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement("select i.id, i.default_price, q.id, q.name"
                + " from items i left join quota_items qi on qi.item_id = i.id left join quotas q on q.id = qi.quota_id"
                + " where i.event_id = ? and i.id = any (?)")) {
            query.setInt(1, event.id());
            query.setArray(2, connection.createArrayOf("int4", items.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    int item = rows.getInt(1);
                    prices.put(item, rows.getBigDecimal(2));
                    List<Integer> itemQuotas = quotas.computeIfAbsent(item, key -> new ArrayList<>());
                    if (rows.getObject(3) != null) {
                        itemQuotas.add(rows.getInt(3));
                        quotaNames.put(rows.getInt(3), rows.getString(4));
                    }
                }
            }
        }
        List<Requested> requested = new ArrayList<>();
        int index = 0;
        for (JsonNode position : positions) {
            int item = items.get(index++);
            if (!prices.containsKey(item)) {
                throw new ApiError(400, positionError("item", "Invalid pk \"" + item + "\" - object does not exist."));
            }
            JsonNode price = position.path("price");
            requested.add(new Requested(item, price.isMissingNode() || price.isNull() ? prices.get(item)
                    : new BigDecimal(price.asText()), quotas.get(item)));
        }
        return requested;
    }

    /** Inserts the order and its positions and answers with the order as pretix shows it, without reading it back. */
    private ObjectNode insert(Connection connection, Event event, String status, String email, List<Requested> requested)
            throws SQLException {
        Instant now = Instant.now();
        BigDecimal total = requested.stream().map(Requested::price).reduce(BigDecimal.ZERO, BigDecimal::add);
        String secret = randomString(SECRET_ALPHABET, 16);
        String code = null;
        // Five characters give 17 million codes: among thousands of orders a repeat is likely.
        for (int attempt = 0; code == null; attempt++) {
            if (attempt == CODE_ATTEMPTS) {
                throw new IllegalStateException("no free order code after " + CODE_ATTEMPTS + " attempts");
            }
            String candidate = randomString(CODE_ALPHABET, 5);
            int inserted = Sql.update(connection,
                    "insert into orders values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (code) do nothing",
                    candidate, event.id(), status, email, secret, total, Timestamp.from(now), Timestamp.from(now));
            code = inserted == 1 ? candidate : null;
        }
        ObjectNode order = orderJson(code, status, email, secret, total, now, now);
        ArrayNode positions = (ArrayNode) order.get("positions");
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into positions (order_code, item_id, price, secret) values (?, ?, ?, ?) returning id")) {
            for (Requested position : requested) {
                String positionSecret = randomString(SECRET_ALPHABET, 32);
                insert.setString(1, code);
                insert.setInt(2, position.item());
                insert.setBigDecimal(3, position.price());
                insert.setString(4, positionSecret);
                try (ResultSet id = insert.executeQuery()) {
                    id.next();
                    addPosition(positions, code, id.getInt(1), position.item(), position.price(), positionSecret);
                }
            }
        }
        return order;
    }

    private static List<ObjectNode> load(Connection connection, Event event, String condition, String code, int offset)
            throws SQLException {
        Map<String, ObjectNode> orders = new LinkedHashMap<>();
        String sql = "select o.code, o.status, o.email, o.secret, o.total, o.datetime, o.last_modified,"
                + " p.id, p.item_id, p.price, p.secret from (select * from orders where event_id = ? " + condition
                + " order by datetime, code limit " + PAGE_SIZE + " offset " + offset + ") o"
                + " join positions p on p.order_code = o.code order by o.datetime, o.code, p.id";
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setInt(1, event.id());
            if (code != null) {
                query.setString(2, code);
            }
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    String orderCode = rows.getString(1);
                    ObjectNode order = orders.get(orderCode);
                    if (order == null) {
                        order = orderJson(orderCode, rows.getString(2), rows.getString(3), rows.getString(4),
                                rows.getBigDecimal(5), rows.getTimestamp(6).toInstant(), rows.getTimestamp(7).toInstant());
                        orders.put(orderCode, order);
                    }
                    addPosition((ArrayNode) order.get("positions"), orderCode, rows.getInt(8), rows.getInt(9),
                            rows.getBigDecimal(10), rows.getString(11));
                }
            }
        }
        return new ArrayList<>(orders.values());
    }

    private static ObjectNode orderJson(String code, String status, String email, String secret, BigDecimal total,
                                        Instant datetime, Instant lastModified) {
        ObjectNode order = JSON.createObjectNode();
        order.put("code", code).put("status", status).put("email", email).put("secret", secret)
                .put("total", total.setScale(2).toPlainString())
                .put("datetime", datetime.toString()).put("last_modified", lastModified.toString())
                .put("locale", "en").put("sales_channel", "web").put("payment_provider", "manual");
        order.putArray("positions");
        return order;
    }

    private static void addPosition(ArrayNode positions, String code, int id, int item, BigDecimal price, String secret) {
        positions.addObject().put("id", id).put("order", code).put("positionid", positions.size() + 1)
                .put("item", item).putNull("variation").put("price", price.setScale(2).toPlainString())
                .put("secret", secret);
    }

    /** A quota's size (null: unlimited) and the positions counted into it. */
    private record QuotaCount(Integer size, int pending, int paid) {}

    private static QuotaCount quotaCount(Connection connection, Event event, int quotaId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "select size, pending, paid from quotas where id = ? and event_id = ?")) {
            query.setInt(1, quotaId);
            query.setInt(2, event.id());
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    throw ApiError.detail(404, "Not found.");
                }
                return new QuotaCount((Integer) rows.getObject(1), rows.getInt(2), rows.getInt(3));
            }
        }
    }

    private static ObjectNode positionError(String field, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.putArray("positions").addObject().putArray(field).add(message);
        return body;
    }

    private String randomString(String alphabet, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }
}
