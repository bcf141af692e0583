package pretix.resilience.roles;

/** A shop replica's or an nginx's answer to pretix's {@code /healthcheck/}: the HTTP status and what failed. */
public record WebView(String node, boolean reachable, int status, String problem) {

    public static WebView unreachable(String node, String error) {
        return new WebView(node, false, 0, error);
    }

    public boolean healthy() {
        return reachable && status == 200;
    }
}
