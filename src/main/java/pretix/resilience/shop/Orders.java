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
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import pretix.resilience.shop.Catalog.Event;
import pretix.resilience.shop.http.ApiError;

/**
 * Orders with pretix's quota semantics: the quotas of the ordered items are locked with
 * {@code pg_advisory_xact_lock} under {@code lock_timeout = 3s}, counted, and the order is
 * written in the same transaction, so no quota is ever oversold.
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

    /** A position as requested: the item and the price to charge. */
    private record Requested(int item, BigDecimal price) {}

    /**
     * Places an order inside the caller's transaction, which commits it. Every refusal is an
     * {@link ApiError}; after one, the caller rolls back what this method did.
     */
    public ObjectNode place(Connection transaction, Event event, JsonNode body) throws SQLException {
        String status = body.path("status").asText("n");
        if (!status.equals("n") && !status.equals("p")) {
            throw ApiError.field("status", "\"" + status + "\" is not a valid choice.");
        }
        JsonNode positions = body.path("positions");
        if (!positions.isArray() || positions.isEmpty()) {
            throw ApiError.field("positions", "An order cannot be empty.");
        }
        try {
            List<Requested> requested = requested(transaction, event, positions);
            lockAndCheckQuotas(transaction, requested);
            return write(transaction, event, status, body.path("email").asText(null), requested);
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
            Integer size = quotaSize(connection, event, quotaId);
            Map<String, Integer> used = usedByStatus(connection, quotaId);
            int pending = used.getOrDefault("n", 0);
            int paid = used.getOrDefault("p", 0);
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

    private List<Requested> requested(Connection connection, Event event, JsonNode positions) throws SQLException {
        List<Requested> requested = new ArrayList<>();
        for (JsonNode position : positions) {
            JsonNode item = position.path("item");
            if (!item.canConvertToInt()) {
                throw new ApiError(400, positionError("item", "This field is required."));
            }
            BigDecimal defaultPrice = defaultPrice(connection, event, item.asInt());
            JsonNode price = position.path("price");
            requested.add(new Requested(item.asInt(), price.isMissingNode() || price.isNull() ? defaultPrice
                    : new BigDecimal(price.asText())));
        }
        return requested;
    }

    private static BigDecimal defaultPrice(Connection connection, Event event, int item) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "select default_price from items where id = ? and event_id = ?")) {
            query.setInt(1, item);
            query.setInt(2, event.id());
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    throw new ApiError(400, positionError("item", "Invalid pk \"" + item + "\" - object does not exist."));
                }
                return rows.getBigDecimal(1);
            }
        }
    }

    /** Locks every quota the order touches, in id order so that concurrent orders never deadlock. */
    private static void lockAndCheckQuotas(Connection connection, List<Requested> requested) throws SQLException {
        Map<Integer, Integer> wanted = new TreeMap<>();
        for (Requested position : requested) {
            try (PreparedStatement query = connection.prepareStatement(
                    "select quota_id from quota_items where item_id = ?")) {
                query.setInt(1, position.item());
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        wanted.merge(rows.getInt(1), 1, Integer::sum);
                    }
                }
            }
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("set local lock_timeout = '3s'");
        }
        for (Map.Entry<Integer, Integer> quota : wanted.entrySet()) {
            try (PreparedStatement lock = connection.prepareStatement("select pg_advisory_xact_lock(?)")) {
                lock.setLong(1, quota.getKey());
                lock.execute();
            }
            try (PreparedStatement query = connection.prepareStatement("select name, size from quotas where id = ?")) {
                query.setInt(1, quota.getKey());
                try (ResultSet rows = query.executeQuery()) {
                    rows.next();
                    Integer size = (Integer) rows.getObject(2);
                    int used = usedByStatus(connection, quota.getKey()).values().stream().mapToInt(i -> i).sum();
                    if (size != null && used + quota.getValue() > size) {
                        throw new ApiError(400, positionError("item", "There is not enough quota available on quota \""
                                + rows.getString(1) + "\" to perform the operation."));
                    }
                }
            }
        }
    }

    private ObjectNode write(Connection connection, Event event, String status, String email, List<Requested> requested)
            throws SQLException {
        Timestamp now = Timestamp.from(Instant.now());
        BigDecimal total = requested.stream().map(Requested::price).reduce(BigDecimal.ZERO, BigDecimal::add);
        String code = null;
        // Five characters give 17 million codes: among thousands of orders a repeat is likely.
        for (int attempt = 0; code == null; attempt++) {
            if (attempt == CODE_ATTEMPTS) {
                throw new IllegalStateException("no free order code after " + CODE_ATTEMPTS + " attempts");
            }
            String candidate = randomString(CODE_ALPHABET, 5);
            int inserted = Sql.update(connection, "insert into orders values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (code) do nothing",
                    candidate, event.id(), status, email, randomString(SECRET_ALPHABET, 16), total, now, now);
            code = inserted == 1 ? candidate : null;
        }
        for (Requested position : requested) {
            Sql.update(connection, "insert into positions (order_code, item_id, price, secret) values (?, ?, ?, ?)",
                    code, position.item(), position.price(), randomString(SECRET_ALPHABET, 32));
        }
        return load(connection, event, "and code = ?", code, 0).get(0);
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
                    ObjectNode order = orders.computeIfAbsent(rows.getString(1), key -> orderJson(rows));
                    ArrayNode positions = (ArrayNode) order.get("positions");
                    positions.addObject().put("id", rows.getInt(8)).put("order", rows.getString(1))
                            .put("positionid", positions.size() + 1).put("item", rows.getInt(9))
                            .putNull("variation").put("price", rows.getBigDecimal(10).setScale(2).toPlainString())
                            .put("secret", rows.getString(11));
                }
            }
        }
        return new ArrayList<>(orders.values());
    }

    private static ObjectNode orderJson(ResultSet rows) {
        try {
            ObjectNode order = JSON.createObjectNode();
            order.put("code", rows.getString(1)).put("status", rows.getString(2)).put("email", rows.getString(3))
                    .put("secret", rows.getString(4)).put("total", rows.getBigDecimal(5).setScale(2).toPlainString())
                    .put("datetime", rows.getTimestamp(6).toInstant().toString())
                    .put("last_modified", rows.getTimestamp(7).toInstant().toString())
                    .put("locale", "en").put("sales_channel", "web").put("payment_provider", "manual");
            order.putArray("positions");
            return order;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Integer quotaSize(Connection connection, Event event, int quotaId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("select size from quotas where id = ? and event_id = ?")) {
            query.setInt(1, quotaId);
            query.setInt(2, event.id());
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    throw ApiError.detail(404, "Not found.");
                }
                return (Integer) rows.getObject(1);
            }
        }
    }

    /** Positions of pending and paid orders on the quota's items, by order status. */
    private static Map<String, Integer> usedByStatus(Connection connection, int quotaId) throws SQLException {
        Map<String, Integer> used = new TreeMap<>();
        try (PreparedStatement query = connection.prepareStatement("select o.status, count(*) from positions p"
                + " join orders o on o.code = p.order_code join quota_items q on q.item_id = p.item_id"
                + " where q.quota_id = ? and o.status in ('n', 'p') group by o.status")) {
            query.setInt(1, quotaId);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    used.put(rows.getString(1), rows.getInt(2));
                }
            }
        }
        return used;
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
