package org.tracknum.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.tracknum.ConfigurationException;

/**
 * Creates the table if asked to, and checks the shape of the table the store will use against the
 * description in {@link Columns}: every column present with a fitting type and length, NOT NULL
 * unless described as nullable ({@code idempotency_key}), a unique
 * index (normally the primary key) on {@code tracking_number} alone, which is what makes numbers
 * unique, and (format version 2) a unique index on {@code (customer_id, idempotency_key)}, which
 * makes keys unique. A table that does not fit is a {@link ConfigurationException} at build time.
 */
final class TableShape {
    private static final Set<Integer> TEXT_TYPES = Set.of(Types.CHAR, Types.VARCHAR, Types.NCHAR, Types.NVARCHAR,
            Types.LONGVARCHAR, Types.LONGNVARCHAR, Types.CLOB, Types.NCLOB);
    private static final Set<Integer> DECIMAL_TYPES = Set.of(Types.DECIMAL, Types.NUMERIC);
    private TableShape() {
    }

    /** Creates the table unless it exists; a concurrent creator winning the race is fine. */
    static void createIfAbsent(Connection c, Dialect dialect, NumberTable table) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(dialect.createTableSql(table));
        } catch (SQLException e) {
            if (!exists(c, table)) {
                throw e;
            }
        }
    }

    static boolean exists(Connection c, NumberTable table) {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT tracking_number FROM " + table.name() + " WHERE 1 = 0")) {
            return rs.getMetaData().getColumnCount() == 1;
        } catch (SQLException e) {
            return false;
        }
    }

    /** Checks the table and returns its unique indexes, by which duplicate-key errors are classified. */
    static UniqueIndexes check(Connection c, Dialect dialect, NumberTable table) throws SQLException {
        return check(c, dialect, table, true);
    }

    /**
     * Without {@code requireKeyIndex}: the shape a migration to version 2 starts from, so that a
     * failed migration of a table that never fitted reports what is wrong with it.
     */
    static UniqueIndexes check(Connection c, Dialect dialect, NumberTable table, boolean requireKeyIndex)
            throws SQLException {
        Map<String, Found> columns = columns(c, table);
        List<String> problems = new ArrayList<>();
        for (Column expected : Columns.ALL) {
            Found found = columns.get(expected.name());
            if (found == null) {
                problems.add("column " + expected.name() + " is missing");
            } else if (expected.nullable() && !found.nullable) {
                problems.add("column " + expected.name() + " must be nullable");
            } else if (dialect.reportsColumnTypes()) {
                found.check(expected, problems);
            }
        }
        UniqueIndexes indexes = uniqueIndexes(c, table);
        if (indexes.on(UniqueIndexes.NUMBER_COLUMNS).isEmpty()) {
            problems.add("tracking_number has no primary key or unique index of its own");
        }
        if (requireKeyIndex && !indexes.hasKeyIndex()) {
            problems.add("there is no unique index on (customer_id, idempotency_key) (format version 2: "
                    + dialect.keyIndexSql(table) + ")");
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException(dialect.name() + " table " + table.name() + " does not fit the JDBC store: "
                    + String.join("; ", problems) + ". Fix or drop it; the expected DDL is in the store's README");
        }
        dialect.checkTable(c, table);
        return indexes;
    }

    private static Map<String, Found> columns(Connection c, NumberTable table) throws SQLException {
        Map<String, Found> columns = new HashMap<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM " + table.name() + " WHERE 1 = 0")) {
            ResultSetMetaData md = rs.getMetaData();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                String name = md.getColumnName(i).toLowerCase(Locale.ROOT);
                columns.put(name, new Found(name, md.getColumnType(i), md.getColumnTypeName(i), md.getPrecision(i),
                        md.getScale(i), md.isNullable(i) != ResultSetMetaData.columnNoNulls));
            }
        }
        return columns;
    }

    /** Every unique index (the primary key counts) with its columns in order, names and columns in lower case. */
    private static UniqueIndexes uniqueIndexes(Connection c, NumberTable table) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        String name = table.name();
        if (md.storesUpperCaseIdentifiers()) {
            name = name.toUpperCase(Locale.ROOT);
        } else if (md.storesLowerCaseIdentifiers()) {
            name = name.toLowerCase(Locale.ROOT);
        }
        Map<String, TreeMap<Integer, String>> indexes = new TreeMap<>();
        try (ResultSet rs = md.getIndexInfo(c.getCatalog(), schema(c), name, true, true)) {
            while (rs.next()) {
                String column = rs.getString("COLUMN_NAME");
                String index = rs.getString("INDEX_NAME");
                if (column != null && index != null && !rs.getBoolean("NON_UNIQUE")) {
                    TreeMap<Integer, String> columns = indexes.computeIfAbsent(index.toLowerCase(Locale.ROOT),
                            k -> new TreeMap<>());
                    columns.put(rs.getInt("ORDINAL_POSITION") * 1000 + columns.size(), column.toLowerCase(Locale.ROOT));
                }
            }
        }
        Map<String, List<String>> byName = new HashMap<>();
        indexes.forEach((index, columns) -> byName.put(index, List.copyOf(columns.values())));
        return new UniqueIndexes(byName);
    }

    private static String schema(Connection c) {
        try {
            return c.getSchema();
        } catch (SQLException | AbstractMethodError e) {
            return null;
        }
    }

    /** A column as the driver reports it. */
    private record Found(String name, int type, String typeName, int precision, int scale, boolean nullable) {

        void check(Column expected, List<String> problems) {
            if (nullable && !expected.nullable()) {
                problems.add("column " + name + " must be NOT NULL");
            }
            if (expected.kind() == Column.Kind.DECIMAL) {
                if (!DECIMAL_TYPES.contains(type) || scale != Columns.WEIGHT_SCALE || precision < expected.minLength()) {
                    problems.add("column " + name + " must be " + expected.standardType() + ", not " + typeName + "("
                            + precision + "," + scale + ")");
                }
            } else if ("uuid".equalsIgnoreCase(typeName)) {
                if (expected.kind() != Column.Kind.UUID) {
                    problems.add("column " + name + " must be text, not UUID");
                }
            } else if (!TEXT_TYPES.contains(type)) {
                problems.add("column " + name + " must be VARCHAR/CHAR, not " + typeName);
            } else if (precision > 0 && precision < expected.minLength()) {
                problems.add("column " + name + " holds " + precision + " characters, at least " + expected.minLength()
                        + " are needed");
            }
        }
    }
}
