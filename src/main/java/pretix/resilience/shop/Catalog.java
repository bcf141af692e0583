package pretix.resilience.shop;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import pretix.resilience.shop.http.ApiError;

/**
 * Organizers, API tokens, events, items and quotas. An event is read through the Redis cache on
 * every request, as pretix reads its event settings, so a Redis outage is felt by buyers.
 */
public final class Catalog {

    /** An event as requests see it. */
    public record Event(int id, String organizer, String slug, String name) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long CACHE_SECONDS = 300;

    private final DataSource database;
    private final FailoverRedis cache;

    Catalog(DataSource database, FailoverRedis cache) {
        this.database = database;
        this.cache = cache;
    }

    /** The organizer a token belongs to; pretix's 401 answers when there is none. */
    public String authenticate(String authorization) throws SQLException {
        if (authorization == null || !authorization.startsWith("Token ")) {
            throw ApiError.detail(401, "Authentication credentials were not provided.");
        }
        try (Connection connection = database.getConnection();
             PreparedStatement query = connection.prepareStatement("select organizer from api_tokens where token = ?")) {
            query.setString(1, authorization.substring("Token ".length()).trim());
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    throw ApiError.detail(401, "Invalid token.");
                }
                return rows.getString(1);
            }
        }
    }

    public Event event(String organizer, String slug) throws Exception {
        String key = "pretix:event:" + organizer + ":" + slug;
        String cached = cache.call(redis -> redis.get(key));
        if (cached != null) {
            return JSON.readValue(cached, Event.class);
        }
        try (Connection connection = database.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "select id, name from events where organizer = ? and slug = ?")) {
            query.setString(1, organizer);
            query.setString(2, slug);
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    throw ApiError.detail(404, "Not found.");
                }
                Event event = new Event(rows.getInt(1), organizer, slug, rows.getString(2));
                String value = JSON.writeValueAsString(event);
                cache.call(redis -> redis.setex(key, CACHE_SECONDS, value));
                return event;
            }
        }
    }

    public void invalidate(Event event) {
        cache.call(redis -> redis.del("pretix:event:" + event.organizer() + ":" + event.slug()));
    }

    public ObjectNode createOrganizer(String slug, String name, String token) throws SQLException {
        try (Connection connection = database.getConnection()) {
            Sql.update(connection, "insert into organizers values (?, ?) on conflict do nothing", slug, name);
            Sql.update(connection, "insert into api_tokens values (?, ?) on conflict do nothing", token, slug);
        }
        return JSON.createObjectNode().put("slug", slug).put("name", name);
    }

    /** The token's organizer, in pretix's paginated list shape. */
    public ObjectNode organizers(String organizer) {
        ObjectNode page = JSON.createObjectNode().put("count", 1).putNull("next").putNull("previous");
        page.putArray("results").addObject().put("slug", organizer).put("name", organizer);
        return page;
    }

    public ObjectNode createEvent(String organizer, String slug, String name) throws SQLException {
        try (Connection connection = database.getConnection()) {
            int id = insertReturningId(connection, "insert into events (organizer, slug, name) values (?, ?, ?)",
                    organizer, slug, name);
            return eventJson(new Event(id, organizer, slug, name));
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                throw ApiError.field("slug", "This slug has already been used for a different event.");
            }
            throw e;
        }
    }

    public ObjectNode eventJson(Event event) {
        ObjectNode node = JSON.createObjectNode();
        node.putObject("name").put("en", event.name());
        node.put("slug", event.slug());
        node.put("live", true);
        node.put("currency", "EUR");
        return node;
    }

    public ObjectNode createItem(Event event, String name, BigDecimal price) throws SQLException {
        try (Connection connection = database.getConnection()) {
            int id = insertReturningId(connection, "insert into items (event_id, name, default_price) values (?, ?, ?)",
                    event.id(), name, price);
            return itemJson(id, name, price);
        }
    }

    public ArrayNode items(Event event) throws SQLException {
        ArrayNode list = JSON.createArrayNode();
        try (Connection connection = database.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "select id, name, default_price from items where event_id = ? order by id")) {
            query.setInt(1, event.id());
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    list.add(itemJson(rows.getInt(1), rows.getString(2), rows.getBigDecimal(3)));
                }
            }
        }
        return list;
    }

    public ObjectNode createQuota(Event event, String name, Integer size, List<Integer> items) throws SQLException {
        try (Connection connection = database.getConnection()) {
            connection.setAutoCommit(false);
            int id = insertReturningId(connection, "insert into quotas (event_id, name, size) values (?, ?, ?)",
                    event.id(), name, size);
            for (int item : items) {
                try {
                    Sql.update(connection, "insert into quota_items select ?, id from items where id = ? and event_id = ?",
                            id, item, event.id());
                } catch (SQLException e) {
                    connection.rollback();
                    throw e;
                }
            }
            connection.commit();
            ObjectNode node = JSON.createObjectNode().put("id", id).put("name", name);
            if (size == null) {
                node.putNull("size");
            } else {
                node.put("size", size);
            }
            ArrayNode itemIds = node.putArray("items");
            items.forEach(itemIds::add);
            node.putArray("variations");
            node.putNull("subevent");
            return node;
        }
    }

    private static ObjectNode itemJson(int id, String name, BigDecimal price) {
        ObjectNode node = JSON.createObjectNode().put("id", id);
        node.putObject("name").put("en", name);
        node.put("default_price", price.setScale(2).toPlainString());
        node.put("active", true);
        return node;
    }

    private static int insertReturningId(Connection connection, String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql + " returning id")) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
