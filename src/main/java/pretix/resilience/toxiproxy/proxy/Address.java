package pretix.resilience.toxiproxy.proxy;

import java.net.InetSocketAddress;
import pretix.resilience.toxiproxy.ToxiproxyError;

/** A {@code host:port} address as Toxiproxy writes it, e.g. {@code 0.0.0.0:8666} or {@code [::1]:6379}. */
record Address(String host, int port) {

    static Address parse(String field, String text) {
        int colon = text == null ? -1 : text.lastIndexOf(':');
        if (colon < 0) {
            throw ToxiproxyError.badRequestBody(field + " '" + text + "' is not host:port");
        }
        String host = text.substring(0, colon).replace("[", "").replace("]", "");
        try {
            int port = Integer.parseInt(text.substring(colon + 1));
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return new Address(host.isEmpty() ? "0.0.0.0" : host, port);
        } catch (NumberFormatException e) {
            throw ToxiproxyError.badRequestBody(field + " '" + text + "' has no valid port (0-65535)");
        }
    }

    InetSocketAddress resolve() {
        return new InetSocketAddress(host, port);
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
