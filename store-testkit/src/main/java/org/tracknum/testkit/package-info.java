/**
 * The store test kit: the contract every {@link org.tracknum.spi.ReservationStore} must meet, for
 * the tests of Tracknum's own stores and of third-party ones.
 *
 * <p>To test a store, add one dependency at test scope (it brings JUnit 5 and AssertJ with it):
 * <pre>{@code
 * <dependency>
 *   <groupId>org.tracknum</groupId>
 *   <artifactId>tracknum-store-testkit</artifactId>
 *   <version>...</version>
 *   <scope>test</scope>
 * </dependency>
 * }</pre>
 * and extend {@link org.tracknum.testkit.ReservationStoreContract} once per backend:
 * <pre>{@code
 * class MyStoreContractTest extends ReservationStoreContract {
 *     protected ReservationStore newStore() {
 *         return new MyStore(freshTableOrPrefix());   // fresh and empty for every test
 *     }
 *
 *     protected void cleanUp() {
 *         dropTableOrPrefix();                         // after each test, after close()
 *     }
 *
 *     protected boolean plantForeignRecord(String number, ForeignRecord kind) {
 *         writeRawRecord(number, kind);                // bypassing the store; false if not representable
 *         return true;
 *     }
 * }
 * }</pre>
 * The contract checks round trips of every field (weight scale, offsets, a 255-code-point name
 * outside the BMP), {@code TAKEN} for a second reservation, outcomes matched by reservation id in
 * mixed batches, {@code verify}, 8 concurrent callers that never share a number, and that foreign
 * or corrupt records ({@link org.tracknum.testkit.ForeignRecord}: a weight of {@code 1E+999999999},
 * an 8 MiB name, nulls, a truncated record, a wrong version, another application's data) are
 * reported as fatal "not a valid Tracknum record" failures naming only the number, in bounded time.
 *
 * <p>For a store's own fault tests (kill the server mid-run, fail over):
 * {@link org.tracknum.testkit.History} records every call of a generator and then checks the store:
 * no number returned twice, none lost, every failure of an expected type.
 * {@link org.tracknum.testkit.TestRequests} gives valid requests, unique per call.
 * {@link org.tracknum.testkit.ReservationStoreContract.KeptOpen} lets a test close the generator
 * and still read the store, or observe the calls it makes.
 *
 * <p>Stores rebuild the requests they read with {@link org.tracknum.spi.StoredRequests#restore}.
 */
package org.tracknum.testkit;
