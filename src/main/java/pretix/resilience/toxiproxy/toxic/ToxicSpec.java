package pretix.resilience.toxiproxy.toxic;

import java.util.Map;

/** A toxic as the API shows it: what it is, on which stream, for which share of connections, with which attributes. */
public record ToxicSpec(String name, ToxicType type, Stream stream, double toxicity, Map<String, Long> attributes) {

    public ToxicSpec {
        attributes = Map.copyOf(attributes);
    }

    public long attribute(String attribute) {
        return attributes.getOrDefault(attribute, 0L);
    }

    public ToxicSpec with(double newToxicity, Map<String, Long> newAttributes) {
        return new ToxicSpec(name, type, stream, newToxicity, newAttributes);
    }
}
