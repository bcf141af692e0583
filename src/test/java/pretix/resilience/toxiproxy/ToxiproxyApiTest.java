package pretix.resilience.toxiproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import eu.rekawek.toxiproxy.model.toxic.Latency;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every endpoint, through the official client where it reaches it and raw HTTP for the rest. */
class ToxiproxyApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ToxiproxyServer server;
    private ToxiproxyClient client;
    private EchoServer upstream;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws IOException {
        server = ToxiproxyServer.start("127.0.0.1", 0);
        client = new ToxiproxyClient("127.0.0.1", server.port());
        upstream = new EchoServer();
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
        upstream.close();
    }

    /** A failover points a proxy at a new upstream on the same port, many times, with clients connected. */
    @Test
    void aNewUpstreamKeepsTheProxyListeningOnItsPort() throws IOException {
        try (EchoServer other = new EchoServer()) {
            Proxy proxy = client.createProxy("replication", "127.0.0.1:0", upstream.address());
            int port = Integer.parseInt(proxy.getListen().substring(proxy.getListen().lastIndexOf(':') + 1));
            for (int change = 0; change < 20; change++) {
                try (Socket connected = new Socket("127.0.0.1", port)) {
                    String next = (change % 2 == 0 ? other : upstream).address();
                    proxy.setUpstream(next);

                    assertThat(client.getProxy("replication").isEnabled()).as("after change %d", change).isTrue();
                    assertThat(client.getProxy("replication").getUpstream()).isEqualTo(next);
                }
                try (Socket socket = new Socket("127.0.0.1", port)) {
                    socket.setSoTimeout(5000);
                    socket.getOutputStream().write('x');
                    assertThat(socket.getInputStream().read()).as("echo after change %d", change).isEqualTo('x');
                }
            }
        }
    }

    @Test
    void proxiesAreCreatedListedShownAndDeletedThroughTheOfficialClient() throws IOException {
        Proxy proxy = client.createProxy("redis", "127.0.0.1:0", upstream.address());

        assertThat(proxy.getListen()).matches("127\\.0\\.0\\.1:[1-9][0-9]*");
        assertThat(proxy.getUpstream()).isEqualTo(upstream.address());
        assertThat(client.getProxies()).extracting(Proxy::getName).containsExactly("redis");
        assertThat(client.getProxy("redis").getListen()).isEqualTo(proxy.getListen());

        proxy.delete();
        assertThat(client.getProxies()).isEmpty();
        assertThatThrownBy(() -> client.getProxy("redis")).hasMessageContaining("proxy not found");
    }

    @Test
    void toxicsAreAddedWithDefaultsUpdatedByMergingAndRemoved() throws Exception {
        Proxy proxy = client.createProxy("pg", "127.0.0.1:0", upstream.address());
        Latency latency = proxy.toxics().latency("slow", ToxicDirection.UPSTREAM, 100);
        latency.setJitter(20);

        JsonNode toxic = get("/proxies/pg/toxics/slow").body();
        assertThat(toxic.get("type").asText()).isEqualTo("latency");
        assertThat(toxic.get("stream").asText()).isEqualTo("upstream");
        assertThat(toxic.get("toxicity").asDouble()).isEqualTo(1.0);
        assertThat(toxic.get("attributes").get("latency").asLong()).isEqualTo(100);
        assertThat(toxic.get("attributes").get("jitter").asLong()).isEqualTo(20);

        Response unnamed = post("/proxies/pg/toxics", "{\"type\":\"bandwidth\",\"attributes\":{\"rate\":5}}");
        assertThat(unnamed.status()).isEqualTo(200);
        assertThat(unnamed.body().get("name").asText()).isEqualTo("bandwidth_downstream");
        assertThat(unnamed.body().get("stream").asText()).isEqualTo("downstream");

        assertThat(proxy.toxics().getAll()).extracting(t -> t.getName()).containsExactly("slow", "bandwidth_downstream");
        latency.remove();
        assertThat(get("/proxies/pg/toxics").body()).hasSize(1);
        assertThat(client.getProxy("pg").toxics().getAll()).hasSize(1);
    }

    @Test
    void patchUpdatesProxiesAndToxicsPartiallyAsPostDoes() throws Exception {
        client.createProxy("pg", "127.0.0.1:0", upstream.address()).toxics()
                .latency("slow", ToxicDirection.DOWNSTREAM, 100);

        Response proxy = send("PATCH", "/proxies/pg", "{\"enabled\":false}");
        assertThat(proxy.status()).isEqualTo(200);
        assertThat(proxy.body().get("enabled").asBoolean()).isFalse();
        assertThat(proxy.body().get("upstream").asText()).isEqualTo(upstream.address());

        Response toxic = send("PATCH", "/proxies/pg/toxics/slow", "{\"attributes\":{\"jitter\":7},\"toxicity\":0.5}");
        assertThat(toxic.status()).isEqualTo(200);
        assertThat(toxic.body().get("attributes").get("latency").asLong()).isEqualTo(100);
        assertThat(toxic.body().get("attributes").get("jitter").asLong()).isEqualTo(7);
        assertThat(toxic.body().get("toxicity").asDouble()).isEqualTo(0.5);
    }

    @Test
    void changingTheListenAddressMovesTheListener() throws Exception {
        Proxy proxy = client.createProxy("pg", "127.0.0.1:0", upstream.address());
        int newPort = freePort();

        Response moved = post("/proxies/pg", "{\"listen\":\"127.0.0.1:" + newPort + "\"}");

        assertThat(moved.body().get("listen").asText()).isEqualTo("127.0.0.1:" + newPort);
        try (var socket = new Socket("127.0.0.1", newPort)) {
            socket.getOutputStream().write(1);
            assertThat(socket.getInputStream().read()).isEqualTo(1);
        }
        assertThat(proxy.getName()).isEqualTo("pg");
    }

    @Test
    void resetEnablesEveryProxyAndRemovesEveryToxic() throws IOException {
        Proxy proxy = client.createProxy("pg", "127.0.0.1:0", upstream.address());
        proxy.toxics().latency("slow", ToxicDirection.DOWNSTREAM, 100);
        proxy.disable();
        assertThat(client.getProxy("pg").isEnabled()).isFalse();

        client.reset();

        assertThat(client.getProxy("pg").isEnabled()).isTrue();
        assertThat(client.getProxy("pg").toxics().getAll()).isEmpty();
    }

    @Test
    void versionIsToxiproxys() throws IOException {
        assertThat(client.version()).isEqualTo("{\"version\": \"2.12.0\"}");
    }

    @Test
    void populateCreatesAndReplacesButKeepsUnchangedProxiesWithTheirToxics() throws Exception {
        int port = freePort();
        String first = "[{\"name\":\"a\",\"listen\":\"127.0.0.1:" + port + "\",\"upstream\":\"" + upstream.address() + "\"},"
                + "{\"name\":\"b\",\"upstream\":\"" + upstream.address() + "\",\"enabled\":false}]";
        Response created = post("/populate", first);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().get("proxies")).hasSize(2);
        client.getProxy("a").toxics().latency("kept", ToxicDirection.DOWNSTREAM, 10);

        Response again = post("/populate", "[{\"name\":\"a\",\"listen\":\"127.0.0.1:" + port + "\",\"upstream\":\""
                + upstream.address() + "\"},{\"name\":\"b\",\"upstream\":\"127.0.0.1:1\"}]");

        assertThat(again.status()).isEqualTo(201);
        assertThat(client.getProxy("a").toxics().getAll()).extracting(t -> t.getName()).containsExactly("kept");
        assertThat(client.getProxy("b").getUpstream()).isEqualTo("127.0.0.1:1");
        assertThat(client.getProxy("b").isEnabled()).isTrue();
    }

    @Test
    void metricsCountBytesPerProxyAndDirection() throws Exception {
        Proxy proxy = client.createProxy("echo", "127.0.0.1:0", upstream.address());
        try (var socket = new Socket("127.0.0.1", Integer.parseInt(proxy.getListen().split(":")[1]))) {
            socket.getOutputStream().write(new byte[1000]);
            socket.getInputStream().readNBytes(1000);
        }

        String metrics = http.send(request("/metrics").GET().build(), HttpResponse.BodyHandlers.ofString()).body();

        assertThat(metrics).contains("# TYPE toxiproxy_proxy_received_bytes_total counter")
                .containsPattern("toxiproxy_proxy_received_bytes_total\\{direction=\"upstream\",listener=\"[^\"]+\","
                        + "proxy=\"echo\",upstream=\"[^\"]+\"} 1000")
                .containsPattern("toxiproxy_proxy_sent_bytes_total\\{direction=\"downstream\",[^}]*proxy=\"echo\"[^}]*} 1000");
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @CsvSource(delimiter = '|', value = {
        "POST|/proxies|{not json|400|bad request body",
        "POST|/proxies|{\"name\":\"x\"}|400|missing required field: upstream",
        "POST|/proxies|{\"upstream\":\"127.0.0.1:1\"}|400|missing required field: name",
        "POST|/proxies|{\"name\":\"x\",\"upstream\":\"nowhere\"}|400|upstream 'nowhere' is not host:port",
        "POST|/proxies|{\"name\":\"x\",\"upstream\":17}|400|field 'upstream' must be a string",
        "POST|/proxies/existing/toxics|{\"type\":\"earthquake\"}|400|invalid toxic type",
        "POST|/proxies/existing/toxics|{\"type\":\"latency\",\"stream\":\"sideways\"}|400|stream was invalid",
        "POST|/proxies/existing/toxics|{\"type\":\"latency\",\"attributes\":{\"latency\":-5}}|400"
                + "|attribute 'latency' of a latency toxic must be a non-negative integer, got -5",
        "POST|/proxies/existing/toxics|{\"type\":\"latency\",\"attributes\":{\"latency\":\"slow\"}}|400"
                + "|must be a non-negative integer, got \"slow\"",
        "POST|/proxies/existing/toxics|{\"type\":\"latency\",\"toxicity\":2}|400|toxicity must be a number from 0 to 1",
        "POST|/proxies/existing/toxics|{\"type\":\"latency\",\"name\":\"taken\"}|409|toxic already exists",
        "POST|/proxies|{\"name\":\"existing\",\"upstream\":\"127.0.0.1:1\"}|409|proxy already exists",
        "GET|/proxies/missing||404|proxy not found",
        "GET|/proxies/existing/toxics/missing||404|toxic not found",
        "DELETE|/proxies/existing/toxics/missing||404|toxic not found",
        "POST|/populate|{\"name\":\"x\"}|400|populate expects a JSON array",
        "POST|/populate|[{\"name\":\"d\",\"upstream\":\"127.0.0.1:1\"},{\"name\":\"d\",\"upstream\":\"127.0.0.1:1\"}]"
                + "|400|duplicate proxy name",
        "GET|/nothing||404|404 page not found",
        "PUT|/proxies||405|method not allowed",
    })
    void badInputGetsToxiproxysStatusAndSaysWhatIsWrongAndTheServerCarriesOn(
            String method, String path, String body, int status, String message) throws Exception {
        client.createProxy("existing", "127.0.0.1:0", upstream.address()).toxics()
                .latency("taken", ToxicDirection.DOWNSTREAM, 1);

        Response response = send(method, path, body == null ? "" : body);

        assertThat(response.status()).isEqualTo(status);
        assertThat(response.body().get("status").asInt()).isEqualTo(status);
        assertThat(response.body().get("error").asText()).contains(message);
        assertThat(client.version()).contains("2.12.0");
    }

    @Test
    void aListenPortThatIsTakenIs500AndCreatesNothing() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            Response response = post("/proxies", "{\"name\":\"x\",\"listen\":\"127.0.0.1:" + taken.getLocalPort()
                    + "\",\"upstream\":\"" + upstream.address() + "\"}");

            assertThat(response.status()).isEqualTo(500);
            assertThat(response.body().get("error").asText()).startsWith("listen tcp 127.0.0.1:" + taken.getLocalPort());
            assertThat(client.getProxies()).isEmpty();
        }
    }

    @Test
    void browsersAreTurnedAway() throws Exception {
        var response = http.send(request("/proxies").header("User-Agent", "Mozilla/5.0").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(403);
    }

    record Response(int status, JsonNode body) {}

    private Response get(String path) throws Exception {
        return send("GET", path, "");
    }

    private Response post(String path, String body) throws Exception {
        return send("POST", path, body);
    }

    private Response send(String method, String path, String body) throws Exception {
        HttpRequest.BodyPublisher publisher = body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body);
        HttpResponse<String> response = http.send(request(path).method(method, publisher).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.body().isEmpty() ? null : JSON.readTree(response.body()));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
