package org.tracknum.benchmarks;

import java.util.Properties;

/**
 * {@link JdbcBenchmark} on an SQLite file in a temporary directory (the store switches it to WAL
 * and {@code synchronous=FULL}). The baseline's connections use the same settings and wait for
 * the write lock with SQLite's busy handler, as an application without the store's queue would.
 */
public class SqliteBenchmark extends JdbcBenchmark {
    private EmbeddedDirectory directory;

    @Override
    protected void beforeTrial() {
        directory = EmbeddedDirectory.create("tracknum-sqlite-bench");
    }

    @Override
    protected void afterTrial() {
        directory.delete();
    }

    @Override
    protected String url() {
        return "jdbc:sqlite:" + directory.path().resolve("bench.db").toAbsolutePath();
    }

    @Override
    protected Properties baselineProperties() {
        Properties p = new Properties();
        p.setProperty("journal_mode", "WAL");
        p.setProperty("synchronous", "FULL");
        p.setProperty("busy_timeout", "10000");
        return p;
    }

    @Override
    protected String service() {
        return "SQLite";
    }

    @Override
    protected String variable() {
        return "(a temporary directory)";
    }
}
