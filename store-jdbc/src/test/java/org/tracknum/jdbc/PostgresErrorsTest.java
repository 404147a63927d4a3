package org.tracknum.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;

class PostgresErrorsTest extends ErrorClassificationContract {
    @BeforeAll
    static void requirePostgres() {
        TestDatabases.requireReachable(TestDatabases.POSTGRES_URL, "PostgreSQL");
    }

    @Override
    String url() {
        return TestDatabases.POSTGRES_URL;
    }

    /** pg_terminate_backend of the active insert (57P01 for the victim); the subquery keeps the filter first. */
    @Override
    String killInsertSql(String table) {
        return "SELECT pid, pg_terminate_backend(pid) FROM (SELECT pid FROM pg_stat_activity"
                + " WHERE datname = current_database() AND state = 'active'"
                + " AND query LIKE 'INSERT INTO " + table + " %' AND pid <> pg_backend_pid() OFFSET 0) AS victims";
    }

    @Override
    void setLockTimeout(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET lock_timeout = '20s'"); // the deadlock detector (1 s) must fire first
        }
    }
}
