/**
 * The store SPI: what a uniqueness store implements ({@link org.tracknum.spi.ReservationStore}),
 * how it is found by configuration ({@link org.tracknum.spi.ReservationStoreProvider} through
 * {@link java.util.ServiceLoader}), and the values exchanged with the generator. The generator in
 * {@code org.tracknum} owns the algorithm; a store only executes batches and classifies failures.
 *
 * <p>Configuration reaches a provider as {@link org.tracknum.spi.StoreSettings}: the keys that are
 * present, the generator's lanes and retry budget, and the application's resources. A provider
 * maps present keys onto its store's builder, which owns every default and range and names the
 * key in its messages ({@link org.tracknum.spi.SettingNames}).
 */
package org.tracknum.spi;
