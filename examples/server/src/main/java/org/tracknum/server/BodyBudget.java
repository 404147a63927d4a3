package org.tracknum.server;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes of request bodies the server holds at once ({@code --max-body-memory}): a body is
 * counted from before its first byte is read (its {@code Content-Length}, or the endpoint's cap
 * when it is chunked) until its request is answered, which covers what its parsing and issuing
 * keep as well. A body that does not fit is refused at once ({@code 503 overloaded}) rather than
 * read, so that many large or slow bodies together cannot exhaust the heap.
 */
final class BodyBudget {
    private final long capacity;
    private final AtomicLong held = new AtomicLong();

    BodyBudget(long capacity) {
        this.capacity = capacity;
    }

    /** Takes {@code bytes} if they fit; the caller must {@link #release} them once answered. */
    boolean tryTake(long bytes) {
        while (true) {
            long now = held.get();
            if (now + bytes > capacity) {
                return false;
            }
            if (held.compareAndSet(now, now + bytes)) {
                return true;
            }
        }
    }

    void release(long bytes) {
        held.addAndGet(-bytes);
    }

    /** Bytes held now (tests). */
    long held() {
        return held.get();
    }
}
