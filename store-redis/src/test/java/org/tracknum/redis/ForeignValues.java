package org.tracknum.redis;

import java.util.UUID;
import org.tracknum.testkit.ForeignRecord;

/** Raw values another program (or a corruption) could leave under a number's key. */
final class ForeignValues {
    private ForeignValues() {
    }

    /** A version-1 value with the given weight and name (see StoredValue). */
    private static String versionOne(String weight, String name) {
        return "1|" + UUID.randomUUID() + "|2018-11-20T11:29:32.000000000Z|MY|GB|" + weight
                + "|2018-11-20T19:29:32+08:00|123e4567-e89b-12d3-a456-426614174000|" + ForeignRecord.SECRET_SLUG + "|"
                + name;
    }

    /** Every kind has a Redis form: a string value under the key. */
    static String of(ForeignRecord kind) {
        switch (kind) {
            case HUGE_WEIGHT:
                return versionOne(ForeignRecord.HUGE_WEIGHT_TEXT, ForeignRecord.SECRET_NAME);
            case HUGE_NAME:
                return versionOne("1.500", ForeignRecord.hugeName());
            case NULLS:
                return "1|||||||||";
            case TRUNCATED:
                String whole = versionOne("1.500", ForeignRecord.SECRET_NAME);
                return whole.substring(0, whole.indexOf("|2018-11-20T19:29") + 10);
            case WRONG_VERSION:
                return "7|" + versionOne("1.500", ForeignRecord.SECRET_NAME).substring(2);
            case NOT_OURS:
                return "{\"customer_name\": \"" + ForeignRecord.SECRET_NAME + "\", \"slug\": \"" + ForeignRecord.SECRET_SLUG
                        + "\"}";
            default:
                throw new IllegalArgumentException(kind.name());
        }
    }
}
