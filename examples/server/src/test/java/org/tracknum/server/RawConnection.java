package org.tracknum.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One TCP connection speaking HTTP/1.1 by hand: shows whether answers keep the connection open,
 * and sends what no HTTP client library would. Every answer is checked against the OpenAPI
 * document ({@link OpenApiContract}).
 */
final class RawConnection implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private String lastBody;
    private String lastContentType;

    RawConnection(int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(30_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /**
     * Sends one request and reads its whole answer; returns the status.
     *
     * @throws IllegalStateException if the server announced it would close the connection
     */
    int exchange(String request) throws IOException {
        return exchange(request, false);
    }

    /** Like {@link #exchange(String)}; with {@code closeExpected}, an announced close is fine. */
    int exchange(String request, boolean closeExpected) throws IOException {
        out.write(request.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        String statusLine = readLine();
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        long length = 0;
        String contentType = null;
        String line;
        while (!(line = readLine()).isEmpty()) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
            }
            if (lower.startsWith("content-type:")) {
                contentType = line.substring(line.indexOf(':') + 1).strip();
            }
            if (lower.startsWith("connection:") && lower.contains("close") && !closeExpected) {
                throw new IllegalStateException("server closes the connection after: " + statusLine);
            }
        }
        String[] requestLine = request.split("\r?\n", 2)[0].split(" ");
        String method = requestLine[0];
        boolean head = method.equals("HEAD");
        byte[] body = head ? new byte[0] : in.readNBytes((int) length);
        lastBody = new String(body, StandardCharsets.UTF_8);
        lastContentType = contentType;
        OpenApiContract.get().check(method, requestLine.length == 3 ? target(requestLine[1]) : null, status,
                contentType, lastBody);
        return status;
    }

    /** The path and query of a request target (absolute-form reduced to it); null for other forms. */
    private static String target(String target) {
        if (target.startsWith("/")) {
            return target;
        }
        int scheme = target.indexOf("://");
        if (scheme > 0) {
            int path = target.indexOf('/', scheme + 3);
            return path < 0 ? "/" : target.substring(path);
        }
        return null;
    }

    /** The body of the last answer. */
    String lastBody() {
        return lastBody;
    }

    /** The Content-Type of the last answer, or null. */
    String lastContentType() {
        return lastContentType;
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new IOException("connection closed by the server");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
