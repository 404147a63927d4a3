package org.tracknum.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RouterTest {
    private static final Router.Endpoint OK = exchange -> new Reply(200, Map.of(), new byte[0]);

    private final Router router = new Router()
            .on("GET", "/api/next-tracking-number", Router.Work.WORKER, OK)
            .withoutHead("/api/next-tracking-number")
            .on("POST", "/api/next-tracking-number", Router.Work.WORKER, 1_000, OK)
            .on("GET", "/api/tracking-numbers/{number}", Router.Work.WORKER, OK)
            .on("GET", "/health", Router.Work.INLINE, OK);

    @Test
    void matchesWithAnOptionalTrailingSlash() {
        assertThat(router.match("/health")).isNotNull();
        assertThat(router.match("/health/")).isNotNull();
        assertThat(router.match("/health//")).isNull();
        assertThat(router.match("/healthy")).isNull();
        assertThat(router.match("/api/next-tracking-number/")).isNotNull();
    }

    @Test
    void capturesOneSegment() {
        assertThat(router.match("/api/tracking-numbers/MYID1").segment()).isEqualTo("MYID1");
        assertThat(router.match("/api/tracking-numbers/MYID1/").segment()).isEqualTo("MYID1");
        assertThat(router.match("/api/tracking-numbers/")).isNull();
        assertThat(router.match("/api/tracking-numbers")).isNull();
        assertThat(router.match("/api/tracking-numbers/MY/ID")).isNull();
    }

    @Test
    void answersHeadLikeGetUnlessTheRouteSaysOtherwise() {
        Router.Route lookup = router.match("/api/tracking-numbers/X").route();
        assertThat(lookup.action("HEAD")).isNotNull();
        assertThat(lookup.allow()).isEqualTo("GET, HEAD");
        Router.Route issue = router.match("/api/next-tracking-number").route();
        assertThat(issue.action("HEAD")).isNull();
        assertThat(issue.action("POST").takesBody()).isTrue();
        assertThat(issue.action("POST").maxBody()).isEqualTo(1_000);
        assertThat(issue.action("GET").takesBody()).isFalse();
        assertThat(issue.allow()).isEqualTo("GET, POST");
        assertThat(issue.action("PUT")).isNull();
    }
}
