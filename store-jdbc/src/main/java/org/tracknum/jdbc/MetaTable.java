package org.tracknum.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;

/**
 * The companion table {@code <table>_meta} that records a numbers table's format version: one row
 * per version reached, {@code format_version INTEGER} primary key and {@code applied_at} (ISO-8601
 * UTC text). Every write tolerates another store doing the same at the same time.
 */
final class MetaTable {
    private final Dialect dialect;
    private final String name;

    MetaTable(Dialect dialect, NumberTable table) {
        this.dialect = dialect;
        this.name = table.metaName();
    }

    String name() {
        return name;
    }

    String createSql() {
        return "CREATE TABLE IF NOT EXISTS " + name + " (format_version INTEGER NOT NULL PRIMARY KEY,"
                + " applied_at VARCHAR(30) NOT NULL)" + dialect.tableOptions();
    }

    String recordSql(int version) {
        return "INSERT INTO " + name + " (format_version, applied_at) VALUES (" + version + ", '" + Instant.now() + "')";
    }

    boolean exists(Connection c) {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT format_version FROM " + name + " WHERE 1 = 0")) {
            return rs.getMetaData().getColumnCount() == 1;
        } catch (SQLException e) {
            return false;
        }
    }

    /** The largest recorded version; 1 without the table or with an empty one (a 0.1 table). */
    int version(Connection c) throws SQLException {
        if (!exists(c)) {
            return 1;
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT MAX(format_version) FROM " + name)) {
            int version = rs.next() ? rs.getInt(1) : 0;
            return version == 0 ? 1 : version;
        }
    }

    void create(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(createSql());
        } catch (SQLException e) {
            if (!exists(c)) {
                throw e;
            }
        }
    }

    /** Adds the row of {@code version} unless it is there. */
    void record(Connection c, int version) throws SQLException {
        if (hasRow(c, version)) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + name
                + " (format_version, applied_at) VALUES (?, ?)")) {
            ps.setInt(1, version);
            ps.setString(2, Instant.now().toString());
            ps.executeUpdate();
        } catch (SQLException e) {
            if (!hasRow(c, version)) {
                throw e;
            }
        }
    }

    private boolean hasRow(Connection c, int version) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM " + name + " WHERE format_version = ?")) {
            ps.setInt(1, version);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
