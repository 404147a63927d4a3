package org.tracknum.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.tracknum.ConfigurationException;
import redis.clients.jedis.util.JedisClusterCRC16;

class KeyPrefixTest {
    private static String check(String prefix, boolean singleSlot) {
        return KeyPrefix.check(prefix, singleSlot, "tracknum.redis.key-prefix", "tracknum.redis.single-slot");
    }

    @Test
    void plainPrefixesPass() {
        assertThat(check("tracknum:", false)).isEqualTo("tracknum:");
        assertThat(check("app/prod:tn-", false)).isEqualTo("app/prod:tn-");
    }

    @Test
    void bracesAreRefusedUnlessASingleSlotIsWanted() {
        assertThatThrownBy(() -> check("{tracknum}:", false))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("tracknum.redis.key-prefix={tracknum}:")
                .hasMessageContaining("tracknum.redis.single-slot=true");
        assertThatThrownBy(() -> check("a}b", false)).isInstanceOf(ConfigurationException.class);
        assertThat(check("{tracknum}:", true)).isEqualTo("{tracknum}:");
    }

    @Test
    void singleSlotNeedsATagThatReallyPins() {
        assertThatThrownBy(() -> check("tracknum:", true))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("needs a hash tag");
        assertThatThrownBy(() -> check("{}tracknum:", true)).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> check("tracknum:{", true)).isInstanceOf(ConfigurationException.class);
    }

    @Test
    void pinningMatchesRedisHashTagRules() {
        for (String prefix : new String[] {"{t}:", "a{b}c{d}:", "{}{x}:", "x{", "{}x:", "}{a}"}) {
            boolean pins = KeyPrefix.pinsOneSlot(prefix);
            boolean sameSlot = JedisClusterCRC16.getSlot(prefix + "MYID0000000001") == JedisClusterCRC16.getSlot(prefix + "USCA9999999999")
                    && JedisClusterCRC16.getSlot(prefix + "MYID0000000001") == JedisClusterCRC16.getSlot(prefix + "AB12");
            assertThat(pins).as(prefix).isEqualTo(sameSlot);
        }
    }

    @Test
    void emptyLongOrUnprintablePrefixesAreRefused() {
        assertThatThrownBy(() -> check("", false)).isInstanceOf(ConfigurationException.class).hasMessageContaining("1 to 128");
        assertThatThrownBy(() -> check("x".repeat(129), false)).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> check("track num:", false)).isInstanceOf(ConfigurationException.class).hasMessageContaining("U+0020");
        assertThatThrownBy(() -> check("tracknum\n", false)).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> check("trackñum:", false)).isInstanceOf(ConfigurationException.class);
    }
}
