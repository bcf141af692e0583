package pretix.resilience.toxiproxy;

/** An error as Toxiproxy reports it: a message and the HTTP status that goes with it. */
public final class ToxiproxyError extends RuntimeException {

    private final int status;

    public ToxiproxyError(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static ToxiproxyError badRequestBody(String detail) {
        return new ToxiproxyError(400, "bad request body: " + detail);
    }

    public static ToxiproxyError missingField(String field) {
        return new ToxiproxyError(400, "missing required field: " + field);
    }

    public static ToxiproxyError proxyNotFound() {
        return new ToxiproxyError(404, "proxy not found");
    }

    public static ToxiproxyError proxyAlreadyExists() {
        return new ToxiproxyError(409, "proxy already exists");
    }

    public static ToxiproxyError invalidStream() {
        return new ToxiproxyError(400, "stream was invalid, can be either upstream or downstream");
    }

    public static ToxiproxyError invalidToxicType() {
        return new ToxiproxyError(400, "invalid toxic type");
    }

    public static ToxiproxyError toxicAlreadyExists() {
        return new ToxiproxyError(409, "toxic already exists");
    }

    public static ToxiproxyError toxicNotFound() {
        return new ToxiproxyError(404, "toxic not found");
    }
}
