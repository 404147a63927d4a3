package org.tracknum.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.tracknum.IssuedTrackingNumber;

/**
 * Reads numbers by (customer id, idempotency key), through the key's unique index (format
 * version 2): for {@code findByIdempotencyKey}, for {@code verify} of keyed reservations, and for
 * the row whose key a rejected insert collided with.
 */
final class KeyReads {
    /** Pairs per statement, well below every database's parameter limit. */
    private static final int CHUNK = 500;

    private final Dialect dialect;
    private final NumberTable table;

    KeyReads(Dialect dialect, NumberTable table) {
        this.dialect = dialect;
        this.table = table;
    }

    /** A customer's key. */
    record Key(UUID customerId, String idempotencyKey) {
    }

    /** The stored numbers of those {@code keys} that name one; the others are absent from the map. */
    Map<Key, IssuedTrackingNumber> find(Connection c, List<Key> keys) throws SQLException {
        List<Key> distinct = new ArrayList<>(new LinkedHashSet<>(keys));
        Map<Key, IssuedTrackingNumber> found = new HashMap<>();
        for (int from = 0; from < distinct.size(); from += CHUNK) {
            List<Key> chunk = distinct.subList(from, Math.min(distinct.size(), from + CHUNK));
            try (PreparedStatement ps = c.prepareStatement(table.findByKeySql(chunk.size()))) {
                int i = 1;
                for (Key key : chunk) {
                    dialect.bindUuid(ps, i++, key.customerId().toString());
                    ps.setString(i++, key.idempotencyKey());
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String storedKey = rs.getString(Columns.IDEMPOTENCY_KEY.name());
                        IssuedTrackingNumber issued = table.read(rs, numberForMessages(rs));
                        found.put(new Key(issued.request().customerId(), storedKey), issued);
                    }
                }
            }
        }
        return found;
    }

    /**
     * The row's number, for the message if the row turns out not to be valid: the number as stored
     * if it has a tracking number's length, else a placeholder (a foreign row's value is never quoted).
     */
    private static String numberForMessages(ResultSet rs) throws SQLException {
        String number = rs.getString(Columns.TRACKING_NUMBER.name());
        return number != null && !number.isEmpty() && number.length() <= Columns.TRACKING_NUMBER.length()
                && number.chars().allMatch(ch -> ch >= '0' && ch <= '9' || ch >= 'A' && ch <= 'Z')
                ? number : "(held by an idempotency key)";
    }

    /** The number stored under one key, or null. */
    IssuedTrackingNumber find(Connection c, Key key) throws SQLException {
        return find(c, List.of(key)).get(key);
    }
}
