package pretix.resilience.shop.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** An answer other than success, with pretix's status code and body. */
public final class ApiError extends RuntimeException {

    private final int status;
    private final ObjectNode body;

    public ApiError(int status, ObjectNode body) {
        super(body.toString());
        this.status = status;
        this.body = body;
    }

    /** {@code {"detail": "..."}}, pretix's body for authentication, not-found and conflict errors. */
    public static ApiError detail(int status, String detail) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("detail", detail);
        return new ApiError(status, body);
    }

    /** {@code {"field": ["message"]}}, pretix's body for invalid input. */
    public static ApiError field(String field, String message) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.putArray(field).add(message);
        return new ApiError(400, body);
    }

    public int status() {
        return status;
    }

    public ObjectNode body() {
        return body;
    }
}
