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
    /** The version this code writes and reads; see docs/jdbc.md. 2 = 1 + the idempotency key's unique index. */
    static final int CURRENT = 2;
    /** Attempts of one step: a concurrent migrator may make the first fail (PostgreSQL: 23505 on pg_class). */
    private static final int STEP_ATTEMPTS = 3;

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
     * Creates an absent table at the current version: the version-1 table, every step's statements,
     * then the version in the companion. A crash in between leaves a table without its version row,
     * which reads as version 1 and is migrated at the next start (every step tolerates a repeat);
     * recording first would leave a table that claims a version it does not have.
     */
    void createTable(Connection c) throws SQLException {
        refuseNewer(meta.version(c));
        TableShape.createIfAbsent(c, dialect, table);
        for (FormatStep step : steps) {
            run(c, step);
        }
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

    /**
     * Runs a step and records its version. A failure is accepted if another store recorded that
     * version meanwhile; otherwise the step is tried again (its statements tolerate a repeat, so a
     * concurrent migrator that made the first attempt fail is then seen as done) before it fails.
     */
    private void apply(Connection c, FormatStep step) throws SQLException {
        LOG.info("{} table {}: migrating to format version {}", dialect.name(), table.name(), step.toVersion());
        if (run(c, step)) {
            meta.record(c, step.toVersion());
            LOG.info("{} table {}: now at format version {}", dialect.name(), table.name(), step.toVersion());
        }
    }

    /** Runs a step's statements; false if another store recorded its version while it failed. */
    private boolean run(Connection c, FormatStep step) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                for (String sql : step.statements()) {
                    execute(c, sql);
                }
                return true;
            } catch (SQLException e) {
                if (meta.version(c) >= step.toVersion()) {
                    return false;
                }
                if (attempt == STEP_ATTEMPTS) {
                    throw e;
                }
                LOG.debug("{} table {}: step to version {} failed with {}, trying again", dialect.name(),
                        table.name(), step.toVersion(), SqlFailures.codes(e));
                pause(attempt);
            }
        }
    }

    private void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            if (!dialect.alreadyApplied(e)) {
                throw e;
            }
        }
    }

    private static void pause(int attempt) throws SQLException {
        try {
            Thread.sleep(200L * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while migrating the table", e);
        }
    }

    /**
     * The statements that create a table at the current version: the version-1 table, every
     * step, the companion and its row (what a DBA runs with {@code create-table=false}).
     */
    List<String> newTableSql() {
        List<String> sql = new ArrayList<>();
        sql.add(dialect.createTableSql(table));
        steps.forEach(step -> sql.addAll(step.statements()));
        sql.add(meta.createSql());
        sql.add(meta.recordSql(current));
        return sql;
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
