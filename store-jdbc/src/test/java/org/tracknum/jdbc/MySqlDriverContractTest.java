package org.tracknum.jdbc;

import org.junit.jupiter.api.BeforeAll;

/** MySQL Connector/J (which reports errors differently from MariaDB's driver) against the local MariaDB. */
class MySqlDriverContractTest extends JdbcContractTest {
    @BeforeAll
    static void requireMariaDb() {
        TestDatabases.requireReachable(TestDatabases.MYSQL_DRIVER_URL, "MariaDB (through MySQL Connector/J)");
    }

    @Override
    String url() {
        return TestDatabases.MYSQL_DRIVER_URL;
    }
}
