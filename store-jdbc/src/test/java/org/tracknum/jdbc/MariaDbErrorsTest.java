package org.tracknum.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;

class MariaDbErrorsTest extends ErrorClassificationContract {
    @BeforeAll
    static void requireMariaDb() {
        TestDatabases.requireReachable(TestDatabases.MARIADB_URL, "MariaDB");
    }

    @Override
    String url() {
        return TestDatabases.MARIADB_URL;
    }

    @Override
    String killInsertSql(String table) {
        return "SELECT ID FROM information_schema.PROCESSLIST WHERE INFO LIKE '%INSERT INTO " + table + " %'"
                + " AND ID <> CONNECTION_ID()";
    }

    @Override
    void killById(Connection killer, long id) throws SQLException {
        try (Statement s = killer.createStatement()) {
            s.execute("KILL " + id);
        }
    }

    @Override
    void setLockTimeout(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET SESSION innodb_lock_wait_timeout = 20");
        }
    }
}
