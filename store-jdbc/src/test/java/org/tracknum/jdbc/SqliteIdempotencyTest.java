package org.tracknum.jdbc;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteIdempotencyTest extends IdempotencyKeyContract {
    @TempDir
    static Path dir;

    @Override
    String url() {
        return TestDatabases.sqliteUrl(dir);
    }

    @Override
    String mentionOf(String index, String columns) {
        return "a unique index on (" + columns + ")";
    }
}
