package org.tracknum.jdbc;

import org.junit.jupiter.api.BeforeAll;

/** MySQL Connector/J against the local MariaDB: its messages and lock-wait codes differ from MariaDB's driver. */
class MySqlDriverIdempotencyTest extends IdempotencyKeyContract {
    @BeforeAll
    static void requireMariaDbThroughMySqlDriver() {
        TestDatabases.requireReachable(TestDatabases.MYSQL_DRIVER_URL, "MariaDB (through MySQL Connector/J)");
    }

    @Override
    String url() {
        return TestDatabases.MYSQL_DRIVER_URL;
    }
}
