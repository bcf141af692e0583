package pretix.resilience.shop;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** The shop's tables, created at start; an advisory lock keeps replicas that start together from racing. */
final class Schema {

    private static final long SCHEMA_LOCK = 0x5052_4554_4958L;

    private static final String[] TABLES = {
        "create table if not exists organizers (slug text primary key, name text not null)",
        "create table if not exists api_tokens (token text primary key,"
                + " organizer text not null references organizers(slug))",
        "create table if not exists events (id serial primary key, organizer text not null references organizers(slug),"
                + " slug text not null, name text not null, unique (organizer, slug))",
        "create table if not exists items (id serial primary key, event_id int not null references events(id),"
                + " name text not null, default_price numeric(10, 2) not null)",
        // pending and paid count the positions of pending and paid orders, kept with every order
        "create table if not exists quotas (id serial primary key, event_id int not null references events(id),"
                + " name text not null, size int, pending int not null default 0, paid int not null default 0)",
        "create table if not exists quota_items (quota_id int not null references quotas(id),"
                + " item_id int not null references items(id), primary key (quota_id, item_id))",
        "create table if not exists orders (code text primary key, event_id int not null references events(id),"
                + " status char(1) not null, email text, secret text not null, total numeric(10, 2) not null,"
                + " datetime timestamptz not null, last_modified timestamptz not null)",
        "create table if not exists positions (id serial primary key, order_code text not null references orders(code),"
                + " item_id int not null references items(id), price numeric(10, 2) not null, secret text not null)",
        "create index if not exists positions_item on positions (item_id)",
        "create table if not exists idempotency (token text not null, key text not null, status int not null,"
                + " body text not null,"
                + " primary key (token, key))",
    };

    private Schema() {}

    static void create(DataSource database) throws SQLException {
        try (Connection connection = database.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("select pg_advisory_xact_lock(" + SCHEMA_LOCK + ")");
                for (String table : TABLES) {
                    statement.execute(table);
                }
            }
            connection.commit();
        }
    }
}
