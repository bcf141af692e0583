package pretix.resilience.workload;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.Executor;

/** A local HTTP endpoint that answers as its test scripts, standing in for nginx and the shops. */
final class ScriptedShop {

    private ScriptedShop() {}

    /** @param handlers runs the answers; null for the server's one dispatcher thread */
    static HttpServer start(HttpHandler answer, Executor handlers) {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
            http.createContext("/", answer);
            http.setExecutor(handlers);
            http.start();
            return http;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
