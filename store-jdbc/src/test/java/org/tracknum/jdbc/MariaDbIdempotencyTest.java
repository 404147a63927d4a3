package org.tracknum.jdbc;

import org.junit.jupiter.api.BeforeAll;

class MariaDbIdempotencyTest extends IdempotencyKeyContract {
    @BeforeAll
    static void requireMariaDb() {
        TestDatabases.requireReachable(TestDatabases.MARIADB_URL, "MariaDB");
    }

    @Override
    String url() {
        return TestDatabases.MARIADB_URL;
    }
}
