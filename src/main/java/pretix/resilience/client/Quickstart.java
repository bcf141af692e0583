package pretix.resilience.client;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;

/**
 * What the report's {@code quickstart.py} prepared before a load test: an event with tickets
 * and a quota large enough for any run, so that buyers can start at once.
 */
public final class Quickstart {

    public static final String EVENT = "quickstart";
    static final int QUOTA_SIZE = 1_000_000;

    private Quickstart() {}

    /** The quickstart event's slug, item ids and quota id. */
    public record Event(String slug, List<Integer> items, int quota) {}

    public static Event create(PretixClient client) throws IOException {
        return create(client, EVENT, QUOTA_SIZE);
    }

    /** An event of the given slug with two items sharing one quota of {@code quotaSize}. */
    public static Event create(PretixClient client, String slug, int quotaSize) throws IOException {
        client.createEvent(slug, "Quickstart conference").expectSuccess("creating event " + slug);
        int regular = client.createItem(slug, "Regular ticket", new BigDecimal("35.00"))
                .expectSuccess("creating an item").get("id").asInt();
        int reduced = client.createItem(slug, "Reduced ticket", new BigDecimal("20.00"))
                .expectSuccess("creating an item").get("id").asInt();
        int quota = client.createQuota(slug, "All tickets", quotaSize, List.of(regular, reduced))
                .expectSuccess("creating the quota").get("id").asInt();
        return new Event(slug, List.of(regular, reduced), quota);
    }
}
