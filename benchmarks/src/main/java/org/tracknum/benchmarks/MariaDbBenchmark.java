package org.tracknum.benchmarks;

/** {@link JdbcBenchmark} on MariaDB at {@code TRACKNUM_TEST_MARIADB_URL}. */
public class MariaDbBenchmark extends JdbcBenchmark {
    @Override
    protected String url() {
        return Services.mariaDbUrl();
    }

    @Override
    protected String service() {
        return "MariaDB";
    }

    @Override
    protected String variable() {
        return Services.MARIADB;
    }

    @Override
    protected ServerProcess serverProcess(java.sql.Connection c) {
        return ServerProcess.mariaDb(c);
    }
}
