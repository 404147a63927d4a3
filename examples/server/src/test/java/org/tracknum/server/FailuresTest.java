package org.tracknum.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.tracknum.NumberSpaceExhaustedException;
import org.tracknum.StoreUnavailableException;

class FailuresTest {
    private final Failures failures = new Failures(new RequestGate());

    @Test
    void exhaustedNumberSpaceIsItsOwnErrorNotA500() {
        Reply reply = failures.reply(new NumberSpaceExhaustedException("format x: capacity 10, 64 attempts failed"));
        assertThat(reply.status()).isEqualTo(507);
        assertThat(new String(reply.body(), StandardCharsets.UTF_8)).contains("\"code\":\"number_space_exhausted\"")
                .doesNotContain("capacity");
        assertThat(failures.internalErrors()).isZero();
    }

    @Test
    void anUnavailableStoreIsA503WithRetryAfter() {
        Reply reply = failures.reply(new StoreUnavailableException("down", null));
        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.headers()).containsEntry("Retry-After", "1");
    }

    @Test
    void internalErrorsAnswerAFixedBodyAndAreCounted() {
        for (int i = 0; i < 5; i++) {
            Reply reply = failures.reply(new IllegalArgumentException("secret detail " + i));
            assertThat(reply.status()).isEqualTo(500);
            assertThat(new String(reply.body(), StandardCharsets.UTF_8)).isEqualTo("{\"detail\":\"Internal server error.\"}");
        }
        assertThat(failures.internalErrors()).isEqualTo(5);
    }

    @Test
    void logsOncePerIntervalAndCountsTheRest() throws Exception {
        Failures.RateLimitedLog log = new Failures.RateLimitedLog(50_000_000L);
        assertThat(log.tryLog()).as("first report").isZero();
        for (int i = 0; i < 9; i++) {
            assertThat(log.tryLog()).isEqualTo(-1);
        }
        Thread.sleep(60);
        assertThat(log.tryLog()).as("reports suppressed since the last one").isEqualTo(9);
    }
}
