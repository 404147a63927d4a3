package org.tracknum.server;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.Consumer;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * Reads a request body without holding a thread: each read takes what has arrived, and when
 * nothing has, asks Jetty to call again once more arrives. The body is refused as soon as it
 * passes its cap, whether it declared its length or is chunked, so no more than the cap is ever
 * buffered for it.
 */
final class BodyReader implements Runnable {
    /** What became of the body: its bytes, or null with {@code tooLarge} or a failure. */
    record Outcome(byte[] body, boolean tooLarge) {
    }

    private final Request request;
    private final int max;
    private final Consumer<Outcome> done;
    private byte[] buffer;
    private int size;

    private BodyReader(Request request, int max, Consumer<Outcome> done) {
        this.request = request;
        this.max = max;
        this.done = done;
        long declared = request.getLength();
        this.buffer = new byte[(int) Math.min(max, declared >= 0 ? declared : 8192)];
    }

    /** Reads the body of {@code request} (at most {@code max} bytes) and hands the outcome to {@code done}, once. */
    static void read(Request request, int max, Consumer<Outcome> done) {
        new BodyReader(request, max, done).run();
    }

    @Override
    public void run() {
        while (true) {
            Content.Chunk chunk = request.read();
            if (chunk == null) {
                request.demand(this);
                return;
            }
            if (Content.Chunk.isFailure(chunk)) {
                done.accept(new Outcome(null, false));
                return;
            }
            ByteBuffer bytes = chunk.getByteBuffer();
            int length = bytes.remaining();
            if (length > max - size) {
                chunk.release();
                done.accept(new Outcome(null, true));
                return;
            }
            if (size + length > buffer.length) {
                buffer = Arrays.copyOf(buffer, (int) Math.min(max, Math.max(size + length, 2L * buffer.length)));
            }
            bytes.get(buffer, size, length);
            size += length;
            boolean last = chunk.isLast();
            chunk.release();
            if (last) {
                done.accept(new Outcome(size == buffer.length ? buffer : Arrays.copyOf(buffer, size), false));
                return;
            }
        }
    }
}
