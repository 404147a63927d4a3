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
 * reported as fatal "not a valid Tracknum record" failures naming only the number, in bounded time,
 * and bulk issuance ({@code nextAll}: input order, a bad item stores nothing, 10,000 requests).
 *
 * <p>A store that keeps idempotency keys ({@code supportsIdempotencyKeys()} true) extends
 * {@link org.tracknum.testkit.IdempotencyContract} instead (the base contract fails it otherwise):
 * {@code KEY_HELD} from {@code reserve} and {@code verify}, same key → same number and
 * {@code issued_at} (also through a second generator), conflicts store nothing, 16 threads with one
 * key get one number, two generators racing on 1,000 keys store one number per key, keyed bulk
 * calls. A store that does not keep keys must refuse keyed calls, which the base contract checks
 * (the example map store below does so).
 *
 * <p>For a store's own fault tests (kill the server mid-run, fail over):
 * {@link org.tracknum.testkit.History} records every call of a generator and then checks the store:
 * no number returned twice, none lost, every failure of an expected type.
 * {@link org.tracknum.testkit.KeyedHistory} does the same for idempotency keys: callers retry each
 * key (through {@code next} or {@code nextAll}) until it succeeds, then every key must have exactly
 * one stored number, named by {@code findByIdempotencyKey}.
 * {@link org.tracknum.testkit.TestRequests} gives valid requests, unique per call.
 * {@link org.tracknum.testkit.ReservationStoreContract.KeptOpen} lets a test close the generator
 * and still read the store, or observe the calls it makes.
 *
 * <p>Stores rebuild the requests they read with {@link org.tracknum.spi.StoredRequests#restore}.
 */
package org.tracknum.testkit;
