package org.tracknum.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HostAllowListTest {

    @Test
    void boundToLoopbackServesOnlyLoopbackNames() {
        HostAllowList hosts = HostAllowList.of("127.0.0.1", List.of());
        assertThat(hosts.allows("localhost")).isTrue();
        assertThat(hosts.allows("LOCALHOST.")).isTrue();
        assertThat(hosts.allows("api.localhost")).isTrue();
        assertThat(hosts.allows("127.0.0.1")).isTrue();
        assertThat(hosts.allows("127.8.9.10")).isTrue();
        assertThat(hosts.allows("[::1]")).isTrue();
        assertThat(hosts.allows("[0:0:0:0:0:0:0:1]")).isTrue();
        assertThat(hosts.allows("attacker.example")).isFalse();
        assertThat(hosts.allows("localhost.attacker.example")).isFalse();
        assertThat(hosts.allows("127.0.0.1.nip.io")).isFalse();
        assertThat(hosts.allows("10.0.0.1")).isFalse();
        assertThat(hosts.allows("[::2]")).isFalse();
        assertThat(hosts.allows("")).isFalse();
        assertThat(hosts.allows(null)).isFalse();
    }

    @Test
    void configuredNamesAddToLoopbackAndStarServesAnything() {
        HostAllowList hosts = HostAllowList.of("::1", List.of("tracknum.internal"));
        assertThat(hosts.allows("Tracknum.Internal")).isTrue();
        assertThat(hosts.allows("localhost")).isTrue();
        assertThat(hosts.allows("other.internal")).isFalse();
        assertThat(HostAllowList.of("127.0.0.1", List.of("*")).allows("anything.example")).isTrue();
    }

    @Test
    void boundElsewhereServesAnyNameUnlessNamesAreGiven() {
        assertThat(HostAllowList.of("0.0.0.0", List.of()).allows("parcels.example")).isTrue();
        HostAllowList listed = HostAllowList.of("0.0.0.0", List.of("parcels.example"));
        assertThat(listed.allows("parcels.example")).isTrue();
        assertThat(listed.allows("attacker.example")).isFalse();
    }
}
