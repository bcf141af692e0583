package pretix.resilience.toxiproxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/** An upstream for tests: echoes what it reads, and records the size of every read and when its peers close. */
final class EchoServer implements AutoCloseable {

    private final ServerSocket listener;
    private final List<Integer> readSizes = new CopyOnWriteArrayList<>();
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private final CountDownLatch peerClosed = new CountDownLatch(1);

    EchoServer() throws IOException {
        listener = new ServerSocket(0, 2048, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "echo-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String address() {
        return "127.0.0.1:" + listener.getLocalPort();
    }

    int port() {
        return listener.getLocalPort();
    }

    List<Integer> readSizes() {
        return readSizes;
    }

    CountDownLatch peerClosed() {
        return peerClosed;
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                socket.setTcpNoDelay(true);
                accepted.add(socket);
                Thread echo = new Thread(null, () -> echo(socket), "echo", 128 * 1024);
                echo.setDaemon(true);
                echo.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void echo(Socket socket) {
        byte[] buffer = new byte[64 * 1024];
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                readSizes.add(read);
                out.write(buffer, 0, read);
            }
            peerClosed.countDown();
        } catch (IOException e) {
            peerClosed.countDown();
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket socket : accepted) {
            socket.close();
        }
    }
}
