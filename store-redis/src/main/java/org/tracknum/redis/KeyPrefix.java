package org.tracknum.redis;

import org.tracknum.ConfigurationException;

/**
 * Checks the key prefix. A Redis Cluster hashes only the part between the first {@code {} and the
 * next {@code }} when that part is non-empty (a "hash tag"); a prefix holding one would put every
 * number into one slot, on one node. Braces are therefore refused unless the user asks for a
 * single slot, and then the prefix must hold such a tag.
 */
final class KeyPrefix {
    static final int MAX_LENGTH = 128;

    private KeyPrefix() {
    }

    /** @return {@code prefix} when it is acceptable */
    static String check(String prefix, boolean singleSlot, String setting, String singleSlotSetting) {
        if (prefix == null || prefix.isEmpty() || prefix.length() > MAX_LENGTH) {
            throw new ConfigurationException(setting + " must be 1 to " + MAX_LENGTH + " characters, e.g. "
                    + RedisReservationStore.Builder.DEFAULT_KEY_PREFIX + " (got " + (prefix == null ? "nothing" : prefix.length() + " characters") + ")");
        }
        for (int i = 0; i < prefix.length(); i++) {
            char c = prefix.charAt(i);
            if (c <= ' ' || c > '~') {
                throw new ConfigurationException(setting + " may hold printable ASCII characters only, without"
                        + " spaces: character " + (i + 1) + " is U+" + String.format("%04X", (int) c));
            }
        }
        boolean braces = prefix.indexOf('{') >= 0 || prefix.indexOf('}') >= 0;
        if (!singleSlot && braces) {
            throw new ConfigurationException(setting + "=" + prefix + " contains { or }: in a Redis Cluster a"
                    + " {hash tag} pins every key to one slot and one node. Remove the braces, or set "
                    + singleSlotSetting + "=true if that is what you want");
        }
        if (singleSlot && !pinsOneSlot(prefix)) {
            throw new ConfigurationException(singleSlotSetting + "=true needs a hash tag in the key prefix, e.g. "
                    + "{tracknum}: (got " + prefix + ")");
        }
        return prefix;
    }

    /** True if every key starting with {@code prefix} (numbers hold no braces) hashes to one slot. */
    static boolean pinsOneSlot(String prefix) {
        int open = prefix.indexOf('{');
        if (open < 0) {
            return false;
        }
        int close = prefix.indexOf('}', open + 1);
        return close > open + 1;
    }
}
