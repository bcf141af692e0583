package pretix.resilience.toxiproxy.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import pretix.resilience.toxiproxy.ToxiproxyError;
import pretix.resilience.toxiproxy.proxy.Proxy;
import pretix.resilience.toxiproxy.proxy.ProxyRegistry.ProxyRequest;
import pretix.resilience.toxiproxy.toxic.Stream;
import pretix.resilience.toxiproxy.toxic.ToxicSpec;
import pretix.resilience.toxiproxy.toxic.ToxicType;

/** Toxiproxy's JSON shapes, both ways, with its defaults and its error messages for bad input. */
final class JsonBodies {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonBodies() {}

    static JsonNode parse(String body) {
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw ToxiproxyError.badRequestBody("EOF");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw ToxiproxyError.badRequestBody(e.getOriginalMessage());
        }
    }

    static ProxyRequest proxyRequest(JsonNode body) {
        if (!body.isObject()) {
            throw ToxiproxyError.badRequestBody("a proxy must be a JSON object");
        }
        return new ProxyRequest(text(body, "name"), text(body, "listen"), text(body, "upstream"), bool(body, "enabled"));
    }

    static List<ProxyRequest> populateRequest(JsonNode body) {
        if (!body.isArray()) {
            throw ToxiproxyError.badRequestBody("populate expects a JSON array of proxies");
        }
        List<ProxyRequest> requests = new ArrayList<>();
        body.forEach(proxy -> requests.add(proxyRequest(proxy)));
        return requests;
    }

    /** A new toxic: stream defaults to downstream, toxicity to 1, the name to {@code <type>_<stream>}. */
    static ToxicSpec newToxic(JsonNode body) {
        if (!body.isObject()) {
            throw ToxiproxyError.badRequestBody("a toxic must be a JSON object");
        }
        String streamName = body.has("stream") ? text(body, "stream") : "downstream";
        Stream stream = Stream.parse(streamName).orElseThrow(ToxiproxyError::invalidStream);
        ToxicType type = ToxicType.parse(text(body, "type")).orElseThrow(ToxiproxyError::invalidToxicType);
        String name = text(body, "name");
        if (name == null || name.isEmpty()) {
            name = type.id() + "_" + stream.id();
        }
        return new ToxicSpec(name, type, stream, toxicity(body, 1.0), attributes(type, body, Map.of()));
    }

    /** An update merges attributes and toxicity into the toxic as it is. */
    static ToxicSpec updatedToxic(ToxicSpec current, JsonNode body) {
        if (!body.isObject()) {
            throw ToxiproxyError.badRequestBody("a toxic must be a JSON object");
        }
        return current.with(toxicity(body, current.toxicity()), attributes(current.type(), body, current.attributes()));
    }

    static ObjectNode proxy(Proxy proxy) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("name", proxy.name());
        node.put("listen", proxy.listen());
        node.put("upstream", proxy.upstream());
        node.put("enabled", proxy.enabled());
        ArrayNode toxics = node.putArray("toxics");
        proxy.toxics().forEach(toxic -> toxics.add(toxic(toxic)));
        return node;
    }

    static ObjectNode toxic(ToxicSpec toxic) {
        ObjectNode node = MAPPER.createObjectNode();
        ObjectNode attributes = node.putObject("attributes");
        toxic.type().attributes().forEach(attribute -> attributes.put(attribute, toxic.attribute(attribute)));
        node.put("name", toxic.name());
        node.put("type", toxic.type().id());
        node.put("stream", toxic.stream().id());
        node.put("toxicity", toxic.toxicity());
        return node;
    }

    static ObjectNode error(ToxiproxyError error) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("error", error.getMessage());
        node.put("status", error.status());
        return node;
    }

    private static Map<String, Long> attributes(ToxicType type, JsonNode body, Map<String, Long> current) {
        Map<String, Long> attributes = new LinkedHashMap<>();
        JsonNode given = body.path("attributes");
        if (!given.isMissingNode() && !given.isNull() && !given.isObject()) {
            throw ToxiproxyError.badRequestBody("attributes must be a JSON object");
        }
        for (String attribute : type.attributes()) {
            JsonNode value = given.path(attribute);
            if (value.isMissingNode() || value.isNull()) {
                attributes.put(attribute, current.getOrDefault(attribute, 0L));
            } else if (value.canConvertToExactIntegral() && value.asLong() >= 0) {
                attributes.put(attribute, value.asLong());
            } else {
                throw ToxiproxyError.badRequestBody("attribute '" + attribute + "' of a " + type.id()
                        + " toxic must be a non-negative integer, got " + value);
            }
        }
        return attributes;
    }

    private static double toxicity(JsonNode body, double current) {
        JsonNode value = body.path("toxicity");
        if (value.isMissingNode() || value.isNull()) {
            return current;
        }
        if (!value.isNumber() || value.asDouble() < 0 || value.asDouble() > 1) {
            throw ToxiproxyError.badRequestBody("toxicity must be a number from 0 to 1, got " + value);
        }
        return value.asDouble();
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw ToxiproxyError.badRequestBody("field '" + field + "' must be a string, got " + value);
        }
        return value.asText();
    }

    private static Boolean bool(JsonNode body, String field) {
        JsonNode value = body.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            throw ToxiproxyError.badRequestBody("field '" + field + "' must be true or false, got " + value);
        }
        return value.asBoolean();
    }
}
