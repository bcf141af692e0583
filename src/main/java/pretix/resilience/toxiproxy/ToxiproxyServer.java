package pretix.resilience.toxiproxy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import pretix.resilience.toxiproxy.api.ApiServer;
import pretix.resilience.toxiproxy.api.ConfigFile;
import pretix.resilience.toxiproxy.proxy.ProxyRegistry;

/**
 * A Toxiproxy-compatible server: Toxiproxy 2.12's HTTP API over a Java proxy, so that the
 * official clients work against it unchanged. Flags as Toxiproxy's: {@code -host},
 * {@code -port}, {@code -config FILE} (a populate document).
 */
public final class ToxiproxyServer implements AutoCloseable {

    private final ProxyRegistry registry = new ProxyRegistry();
    private final ApiServer api;

    private ToxiproxyServer(InetSocketAddress address) throws IOException {
        this.api = new ApiServer(registry, address);
    }

    public static ToxiproxyServer start(String host, int port) throws IOException {
        return new ToxiproxyServer(new InetSocketAddress(host, port));
    }

    /** Starts as the command line asks: listening where it says, populated from its config file. */
    static ToxiproxyServer start(ServerOptions options) throws IOException {
        ToxiproxyServer server = start(options.host(), options.port());
        System.out.printf("Starting Toxiproxy %s HTTP server on %s:%d%n", ApiServer.VERSION, options.host(), server.port());
        if (options.config() != null) {
            populateFrom(server, options.config());
        }
        return server;
    }

    public int port() {
        return api.port();
    }

    public ProxyRegistry registry() {
        return registry;
    }

    @Override
    public void close() {
        api.close();
        registry.close();
    }

    public static void main(String[] args) throws Exception {
        ServerOptions options;
        try {
            options = ServerOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("toxiproxy: " + e.getMessage());
            System.err.println(ServerOptions.USAGE);
            System.exit(2);
            return;
        }
        ToxiproxyServer server = start(options);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        new CountDownLatch(1).await();
    }

    private static void populateFrom(ToxiproxyServer server, Path config) {
        try {
            var requests = ConfigFile.read(Files.readString(config));
            int count = server.registry.populate(requests).size();
            System.out.printf("Populated %d proxies from %s%n", count, config);
        } catch (IOException | ToxiproxyError e) {
            System.err.println("toxiproxy: cannot populate from " + config + ": " + e.getMessage());
        }
    }
}
