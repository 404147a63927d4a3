package org.tracknum.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --max-connections}: beyond it a new connection is closed at once, while the connections
 * already open keep being served; once some close, new ones are accepted again.
 */
@Tag(ServerProcess.TAG)
class ConnectionLimitIT {
    private static final int LIMIT = 20;

    @TempDir
    Path workDir;

    @Test
    void closesConnectionsBeyondTheCapAndKeepsServingTheOthers() throws Exception {
        try (ServerProcess server = ServerProcess.start(workDir, Map.of("TRACKNUM_STORE", "memory",
                "TRACKNUM_SERVER_MAX_CONNECTIONS", String.valueOf(LIMIT)))) {
            List<RawConnection> open = new ArrayList<>();
            try {
                for (int i = 0; i < LIMIT; i++) {
                    RawConnection connection = new RawConnection(server.port());
                    assertThat(connection.exchange("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n")).isEqualTo(200);
                    open.add(connection);
                }
                for (int i = 0; i < 5; i++) {
                    assertThat(closedAtOnce(server.port())).as("connection %d beyond the cap", i + 1).isTrue();
                }
                for (RawConnection connection : open) {
                    assertThat(connection.exchange("GET " + Shipments.unique().path() + " HTTP/1.1\r\n"
                            + "Host: localhost\r\n\r\n")).as("an open connection beyond the cap").isEqualTo(201);
                }
                open.remove(0).close();
                open.remove(0).close();
                Thread.sleep(500);
                RawConnection again = new RawConnection(server.port());
                open.add(again);
                assertThat(again.exchange("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n"))
                        .as("a new connection once others closed").isEqualTo(200);
            } finally {
                for (RawConnection connection : open) {
                    connection.close();
                }
            }
            assertThat(server.terminate()).isEqualTo(143);
        }
    }

    /** True if the server closes a new connection without answering, within 3 s. */
    private static boolean closedAtOnce(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(3_000);
            InputStream in = socket.getInputStream();
            try {
                socket.getOutputStream().write("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes());
                return in.read() < 0;
            } catch (SocketTimeoutException e) {
                return false;
            } catch (IOException e) {
                return true; // reset by the server
            }
        }
    }
}
