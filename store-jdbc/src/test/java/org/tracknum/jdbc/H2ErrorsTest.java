package org.tracknum.jdbc;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.io.TempDir;

class H2ErrorsTest extends ErrorClassificationContract {
    @TempDir
    static Path dir;

    @Override
    String url() {
        return TestDatabases.h2Url(dir);
    }

    @Override
    String killInsertSql(String table) {
        return null;
    }

    @Override
    void setLockTimeout(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET LOCK_TIMEOUT 3000");
        }
    }
}
