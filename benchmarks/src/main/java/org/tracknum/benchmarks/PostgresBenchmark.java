package org.tracknum.benchmarks;

/** {@link JdbcBenchmark} on PostgreSQL at {@code TRACKNUM_TEST_POSTGRES_URL}. */
public class PostgresBenchmark extends JdbcBenchmark {
    @Override
    protected String url() {
        return Services.postgresUrl();
    }

    @Override
    protected String service() {
        return "PostgreSQL";
    }

    @Override
    protected String variable() {
        return Services.POSTGRES;
    }

    @Override
    protected boolean uuidColumns() {
        return true;
    }

    @Override
    protected ServerProcess serverProcess(java.sql.Connection c) {
        return ServerProcess.postgres(c);
    }
}
