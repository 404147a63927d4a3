package org.tracknum.jdbc;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteErrorsTest extends ErrorClassificationContract {
    @TempDir
    static Path dir;

    @Override
    String url() {
        return TestDatabases.sqliteUrl(dir);
    }

    @Override
    String killInsertSql(String table) {
        return null;
    }

    @Override
    boolean deadlocks() {
        return false;
    }
}
