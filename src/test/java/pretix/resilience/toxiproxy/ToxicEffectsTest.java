package pretix.resilience.toxiproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import java.io.IOException;
import java.io.InputStream;
import com.sun.management.UnixOperatingSystemMXBean;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.ConnectException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What each toxic does to real sockets. Time bounds come from the toxic's own configured
 * values; the upper slack is generous because a loaded 2-core machine schedules late, never early.
 */
class ToxicEffectsTest {

    /** How late a loaded machine may deliver beyond what a toxic asks for. Not a timing goal. */
    private static final long SLACK_MS = 400;

    private ToxiproxyServer server;
    private EchoServer upstream;
    private Proxy proxy;

    @BeforeEach
    void start() throws IOException {
        server = ToxiproxyServer.start("127.0.0.1", 0);
        upstream = new EchoServer();
        proxy = new ToxiproxyClient("127.0.0.1", server.port()).createProxy("echo", "127.0.0.1:0", upstream.address());
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
        upstream.close();
    }

    @Test
    void noToxicPassesBytesUnchangedBothWays() throws IOException {
        try (Socket socket = connect()) {
            byte[] sent = new byte[256 * 1024];
            new Random(7).nextBytes(sent);
            Thread writer = new Thread(() -> write(socket, sent));
            writer.start();
            assertThat(socket.getInputStream().readNBytes(sent.length)).isEqualTo(sent);
        }
    }

    @Test
    void latencyDelaysEachRoundTripByTheConfiguredLatencyWithinTheJitter() throws IOException {
        proxy.toxics().latency("slow", ToxicDirection.DOWNSTREAM, 300).setJitter(50);
        try (Socket socket = connect()) {
            for (int i = 0; i < 3; i++) {
                long millis = roundTripMillis(socket);
                assertThat(millis).isBetween(300L - 50, 300L + 50 + SLACK_MS);
            }
        }
    }

    @Test
    void aToxicAddedToAnOpenConnectionTakesEffectAndItsRemovalEndsIt() throws IOException {
        try (Socket socket = connect()) {
            assertThat(roundTripMillis(socket)).isLessThan(SLACK_MS);
            var latency = proxy.toxics().latency("slow", ToxicDirection.UPSTREAM, 500);
            assertThat(roundTripMillis(socket)).isBetween(500L, 500 + SLACK_MS);
            latency.remove();
            assertThat(roundTripMillis(socket)).isLessThan(SLACK_MS);
        }
    }

    @Test
    void bandwidthLimitsTheRate() throws IOException {
        proxy.toxics().bandwidth("thin", ToxicDirection.DOWNSTREAM, 200);
        try (Socket socket = connect()) {
            byte[] payload = new byte[100_000];
            long started = System.nanoTime();
            socket.getOutputStream().write(payload);
            socket.getInputStream().readNBytes(payload.length);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            // 100 kB at 200 kB/s: 500 ms
            assertThat(millis).isBetween(450L, 500 + SLACK_MS);
        }
    }

    @Test
    void bandwidthZeroHoldsDataUntilTheToxicIsRemovedWhichFlushesIt() throws Exception {
        var held = proxy.toxics().bandwidth("held", ToxicDirection.DOWNSTREAM, 0);
        try (Socket socket = connect()) {
            socket.setSoTimeout(500);
            socket.getOutputStream().write("held".getBytes());
            assertThatThrownBy(() -> socket.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);

            held.remove();
            socket.setSoTimeout(5000);
            assertThat(new String(socket.getInputStream().readNBytes(4))).isEqualTo("held");
        }
    }

    @Test
    void timeoutDropsDataAndClosesAfterItsTimeout() throws IOException {
        proxy.toxics().timeout("cut", ToxicDirection.UPSTREAM, 700);
        try (Socket socket = connect()) {
            long started = System.nanoTime();
            socket.getOutputStream().write("lost".getBytes());
            socket.setSoTimeout(5000);
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isBetween(600L, 700 + SLACK_MS);
            assertThat(upstream.readSizes()).isEmpty();
        }
    }

    @Test
    void timeoutZeroKeepsTheConnectionOpenAndSilent() throws IOException {
        proxy.toxics().timeout("silence", ToxicDirection.UPSTREAM, 0);
        try (Socket socket = connect()) {
            socket.getOutputStream().write("lost".getBytes());
            socket.setSoTimeout(1000);
            assertThatThrownBy(() -> socket.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
        }
    }

    @Test
    void resetPeerResetsTheConnection() throws IOException {
        proxy.toxics().resetPeer("rst", ToxicDirection.DOWNSTREAM, 200);
        try (Socket socket = connect()) {
            socket.setSoTimeout(5000);
            assertThatThrownBy(() -> {
                InputStream in = socket.getInputStream();
                while (in.read() >= 0) {
                    socket.getOutputStream().write(1);
                }
            }).isInstanceOf(SocketException.class).hasMessageContaining("reset");
        }
    }

    @Test
    void limitDataLetsExactlyThatManyBytesThroughThenCloses() throws IOException {
        proxy.toxics().limitData("cap", ToxicDirection.DOWNSTREAM, 1000);
        try (Socket socket = connect()) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(new byte[3000]);
            assertThat(socket.getInputStream().readAllBytes()).hasSize(1000);
        }
    }

    @Test
    void slicerCutsDataIntoSlicesOfTheAverageSize() throws IOException {
        proxy.toxics().slicer("slices", ToxicDirection.UPSTREAM, 100, 0).setDelay(20_000);
        try (Socket socket = connect()) {
            socket.getOutputStream().write(new byte[1000]);
            socket.getInputStream().readNBytes(1000);
        }
        assertThat(upstream.readSizes()).hasSize(10).containsOnly(100);
    }

    @Test
    void slowCloseDelaysTheClose() throws Exception {
        proxy.toxics().slowClose("lingering", ToxicDirection.UPSTREAM, 600);
        long started;
        try (Socket socket = connect()) {
            roundTripMillis(socket);
            started = System.nanoTime();
        }
        assertThat(upstream.peerClosed().await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isBetween(550L, 600 + SLACK_MS);
    }

    @Test
    void toxicityZeroSparesEveryConnectionAndOneHitsEvery() throws IOException {
        proxy.toxics().latency("never", ToxicDirection.DOWNSTREAM, 1000).setToxicity(0);
        for (int i = 0; i < 5; i++) {
            try (Socket socket = connect()) {
                assertThat(roundTripMillis(socket)).isLessThan(SLACK_MS);
            }
        }
        proxy.toxics().get("never").setToxicity(1);
        try (Socket socket = connect()) {
            assertThat(roundTripMillis(socket)).isGreaterThanOrEqualTo(1000);
        }
    }

    @Test
    void disablingCutsOpenConnectionsAndRefusesNewOnes() throws IOException {
        try (Socket socket = connect()) {
            roundTripMillis(socket);
            proxy.disable();
            socket.setSoTimeout(5000);
            assertThat(readOrReset(socket)).isEqualTo(-1);
        }
        assertThatThrownBy(this::connect).isInstanceOf(ConnectException.class);
        proxy.enable();
        try (Socket socket = connect()) {
            assertThat(roundTripMillis(socket)).isLessThan(SLACK_MS);
        }
    }

    @Test
    void deletingAProxyWithOpenConnectionsClosesThemAndTheServerCarriesOn() throws IOException {
        try (Socket socket = connect()) {
            roundTripMillis(socket);
            proxy.delete();
            socket.setSoTimeout(5000);
            assertThat(readOrReset(socket)).isEqualTo(-1);
        }
        ToxiproxyClient client = new ToxiproxyClient("127.0.0.1", server.port());
        assertThat(client.getProxies()).isEmpty();
        assertThat(client.createProxy("again", "127.0.0.1:0", upstream.address()).isEnabled()).isTrue();
    }

    @Test
    void aThousandConcurrentConnectionsAreHeld() throws Exception {
        long descriptors = ((UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getMaxFileDescriptorCount();
        assertThat(descriptors).as("client, proxy and echo sides of 1000 connections need about 4,100 file"
                + " descriptors in this JVM; raise `ulimit -n`").isGreaterThan(4100);
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < 1000; i++) {
                sockets.add(connect());
            }
            for (Socket socket : sockets) {
                socket.getOutputStream().write(7);
            }
            for (Socket socket : sockets) {
                socket.setSoTimeout(10_000);
                assertThat(socket.getInputStream().read()).isEqualTo(7);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> upstream.readSizes().size() >= 1000);
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", Integer.parseInt(proxy.getListen().split(":")[1]));
        socket.setTcpNoDelay(true);
        return socket;
    }

    private static long roundTripMillis(Socket socket) throws IOException {
        long started = System.nanoTime();
        socket.getOutputStream().write(42);
        socket.setSoTimeout(10_000);
        assertThat(socket.getInputStream().read()).isEqualTo(42);
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }

    /** A cut connection ends in EOF or, when bytes were in flight, a reset: both mean cut. */
    private static int readOrReset(Socket socket) throws IOException {
        try {
            return socket.getInputStream().read();
        } catch (SocketException reset) {
            return -1;
        }
    }

    private static void write(Socket socket, byte[] data) {
        try {
            socket.getOutputStream().write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
