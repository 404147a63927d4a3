package org.tracknum.jdbc;

import org.junit.jupiter.api.BeforeAll;

/** The MariaDB code paths through MySQL Connector/J, which reports 1205 and lost connections differently. */
class MySqlDriverErrorsTest extends MariaDbErrorsTest {
    @BeforeAll
    static void requireMariaDbThroughMySqlDriver() {
        TestDatabases.requireReachable(TestDatabases.MYSQL_DRIVER_URL, "MariaDB (through MySQL Connector/J)");
    }

    @Override
    String url() {
        return TestDatabases.MYSQL_DRIVER_URL;
    }
}
