package org.tracknum.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tracknum.ConfigurationException;

/**
 * The format version of a numbers table, kept in its companion {@link MetaTable}
 * {@code <table>_meta}; a table without one (created by 0.1, or by a DBA from the version-1 DDL) is
 * version 1. A companion table works the same on every supported database and a DBA reads it with
 * a plain {@code SELECT}; table comments do not exist in SQLite, and SQLite's {@code user_version}
 * belongs to the whole file, not to one table.
 *
 * <p>At start the store refuses a table of a newer version than it knows, and brings an older one
 * up to date with the dialect's {@link FormatStep}s, recording each version reached, or, when it
 * may not change the schema, refuses with the exact statements to run.
 */
final class TableFormat {
    private static final Logger LOG = LoggerFactory.getLogger(TableFormat.class);
    /** The version this code writes and reads; see docs/jdbc.md. */
    static final int CURRENT = 1;

    private final Dialect dialect;
    private final NumberTable table;
    private final MetaTable meta;
    private final int current;
    private final List<FormatStep> steps;

    /** {@code steps} lead to versions 2, 3, ... {@code current}, in that order. */
    TableFormat(Dialect dialect, NumberTable table, int current, List<FormatStep> steps) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).toVersion() != i + 2) {
                throw new IllegalArgumentException("format steps must lead to versions 2, 3, ... in order");
            }
        }
        if (steps.size() + 1 != current) {
            throw new IllegalArgumentException("format steps lead to version " + (steps.size() + 1) + ", not " + current);
        }
        this.dialect = dialect;
        this.table = table;
        this.meta = new MetaTable(dialect, table);
        this.current = current;
        this.steps = List.copyOf(steps);
    }

    /** The current version and the dialect's steps up to it. */
    static TableFormat of(Dialect dialect, NumberTable table) {
        return new TableFormat(dialect, table, CURRENT, dialect.formatSteps(table));
    }

    int version(Connection c) throws SQLException {
        return meta.version(c);
    }

    /**
     * Before the store creates an absent table at the current version: records that version first,
     * so that a crash in between leaves a companion that is right, not a table that reads as 1.
     */
    void recordNewTable(Connection c) throws SQLException {
        refuseNewer(meta.version(c));
        meta.create(c);
        meta.record(c, current);
    }

    /**
     * Refuses a newer table; brings an older one up to date if {@code mayMigrate}, else refuses
     * with the statements to run. With {@code mayMigrate}, a table without a companion gets one.
     */
    void settle(Connection c, boolean mayMigrate) throws SQLException {
        int found = meta.version(c);
        refuseNewer(found);
        if (!mayMigrate) {
            if (found < current) {
                throw new ConfigurationException(dialect.name() + " table " + table.name() + " has format version "
                        + found + "; this Tracknum uses version " + current + " and tracknum.jdbc.create-table=false"
                        + " does not let it change the schema. Run, as the table's owner: "
                        + String.join("; ", migrationSql(found))
                        + " (or set tracknum.jdbc.create-table=true and the store migrates the table at start)");
            }
            return;
        }
        if (found == current) {
            recordQuietly(c);
            return;
        }
        meta.create(c);
        meta.record(c, found);
        for (FormatStep step : steps) {
            if (step.toVersion() > found) {
                apply(c, step);
            }
        }
    }

    /**
     * Writes the companion of an up-to-date table for DBAs to read. Not needed by the store, so a
     * user allowed only to write rows (a DBA's table, create-table left on) still starts.
     */
    private void recordQuietly(Connection c) {
        try {
            meta.create(c);
            meta.record(c, current);
        } catch (SQLException e) {
            LOG.warn("{} table {}: could not record format version {} in {} ({})", dialect.name(), table.name(),
                    current, meta.name(), SqlFailures.codes(e));
        }
    }

    private void refuseNewer(int found) {
        if (found > current) {
            throw new ConfigurationException(dialect.name() + " table " + table.name() + " has format version " + found
                    + " (recorded in " + meta.name() + "), newer than version " + current + ", the newest this"
                    + " Tracknum knows: a newer Tracknum created or migrated it. Upgrade this application;"
                    + " an older Tracknum must not write to the table");
        }
    }

    private void apply(Connection c, FormatStep step) throws SQLException {
        LOG.info("{} table {}: migrating to format version {}", dialect.name(), table.name(), step.toVersion());
        try (Statement s = c.createStatement()) {
            for (String sql : step.statements()) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            if (meta.version(c) < step.toVersion()) {
                throw e;
            }
            return; // another store migrated it meanwhile
        }
        meta.record(c, step.toVersion());
    }

    /** The statements that bring a table of version {@code found} to the current one, and record it. */
    List<String> migrationSql(int found) {
        List<String> sql = new ArrayList<>();
        for (FormatStep step : steps) {
            if (step.toVersion() > found) {
                sql.addAll(step.statements());
            }
        }
        sql.add(meta.createSql());
        for (int v = found + 1; v <= current; v++) {
            sql.add(meta.recordSql(v));
        }
        return sql;
    }
}
