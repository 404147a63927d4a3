package org.tracknum.benchmarks;

/**
 * {@link JdbcBenchmark} on an H2 file database in a temporary directory (the store opens it with
 * {@code WRITE_DELAY 0}: every commit is written before {@code next()} returns).
 */
public class H2Benchmark extends JdbcBenchmark {
    private EmbeddedDirectory directory;

    @Override
    protected void beforeTrial() {
        directory = EmbeddedDirectory.create("tracknum-h2-bench");
    }

    @Override
    protected void afterTrial() {
        directory.delete();
    }

    @Override
    protected String url() {
        return "jdbc:h2:file:" + directory.path().resolve("bench").toAbsolutePath();
    }

    @Override
    protected String service() {
        return "H2";
    }

    @Override
    protected String variable() {
        return "(a temporary directory)";
    }
}
