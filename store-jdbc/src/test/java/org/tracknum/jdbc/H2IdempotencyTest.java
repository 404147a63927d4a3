package org.tracknum.jdbc;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class H2IdempotencyTest extends IdempotencyKeyContract {
    @TempDir
    static Path dir;

    @Override
    String url() {
        return TestDatabases.h2Url(dir);
    }
}
