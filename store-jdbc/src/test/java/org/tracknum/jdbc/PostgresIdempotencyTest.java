package org.tracknum.jdbc;

import org.junit.jupiter.api.BeforeAll;

class PostgresIdempotencyTest extends IdempotencyKeyContract {
    @BeforeAll
    static void requirePostgres() {
        TestDatabases.requireReachable(TestDatabases.POSTGRES_URL, "PostgreSQL");
    }

    @Override
    String url() {
        return TestDatabases.POSTGRES_URL;
    }
}
