/**
 * The store SPI: what a uniqueness store implements ({@link org.tracknum.spi.ReservationStore}),
 * how it is found by configuration ({@link org.tracknum.spi.ReservationStoreProvider} through
 * {@link java.util.ServiceLoader}), and the values exchanged with the generator. The generator in
 * {@code org.tracknum} owns the algorithm; a store only executes batches and classifies failures.
 */
package org.tracknum.spi;
