package pretix.resilience.toxiproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.rekawek.toxiproxy.ToxiproxyClient;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerOptionsTest {

    @Test
    void takesGoStyleFlagsWithToxiproxysDefaults() {
        assertThat(ServerOptions.parse()).isEqualTo(new ServerOptions("localhost", 8474, null));
        assertThat(ServerOptions.parse("-host=0.0.0.0", "--port", "9000", "-config", "proxies.json"))
                .isEqualTo(new ServerOptions("0.0.0.0", 9000, Path.of("proxies.json")));
    }

    @Test
    void badFlagsSayWhatIsWrong() {
        assertThatThrownBy(() -> ServerOptions.parse("-port", "http"))
                .hasMessageContaining("invalid value \"http\" for flag -port");
        assertThatThrownBy(() -> ServerOptions.parse("-verbose", "yes")).hasMessage("flag provided but not defined: -verbose");
        assertThatThrownBy(() -> ServerOptions.parse("-host")).hasMessage("flag needs an argument: -host");
    }

    @Test
    void aConfigFileInThePopulateFormatCreatesItsProxiesAtStart(@TempDir Path directory) throws Exception {
        Path config = Files.writeString(directory.resolve("proxies.json"),
                "[{\"name\":\"pg\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"127.0.0.1:5432\"},"
                        + "{\"name\":\"redis\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"127.0.0.1:6379\",\"enabled\":false}]");

        try (ToxiproxyServer server = ToxiproxyServer.start(ServerOptions.parse("-host", "127.0.0.1", "-port", "0",
                "-config", config.toString()))) {
            ToxiproxyClient client = new ToxiproxyClient("127.0.0.1", server.port());
            assertThat(client.getProxies()).extracting(proxy -> proxy.getName() + ":" + proxy.isEnabled())
                    .containsExactly("pg:true", "redis:false");
        }
    }
}
