package org.tracknum.jdbc;

import org.tracknum.spi.ReservationStore;
import org.tracknum.testkit.ReservationStoreContract;

/** The store contract against one database, through a store built from a URL (its own HikariCP pool). */
abstract class JdbcContractTest extends ReservationStoreContract {
    private String table;

    /** The JDBC URL of the database under test. */
    abstract String url();

    @Override
    protected ReservationStore newStore() {
        table = TestDatabases.freshTable(getClass().getSimpleName().replace("ContractTest", ""));
        return JdbcReservationStore.builder().url(url()).table(table).build();
    }

    @Override
    protected void cleanUp() {
        if (table != null) {
            TestDatabases.drop(url(), table);
        }
    }

    @Override
    protected int numbersPerThread() {
        return 10_000;
    }
}
