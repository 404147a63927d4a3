/**
 * Tracknum's public API: {@link org.tracknum.TrackingNumberGenerator} issues unique tracking
 * numbers for validated {@link org.tracknum.ShipmentRequest}s, in the shape of a
 * {@link org.tracknum.TrackingNumberFormat}, claimed in a pluggable store
 * ({@link org.tracknum.MemoryReservationStore} here; JDBC and Redis in their own modules).
 * {@link org.tracknum.TrackingNumberConfiguration} layers {@code tracknum.*} settings from
 * properties, maps, system properties, the environment and an application's defaults, and lists
 * every known key ({@link org.tracknum.TrackingNumberSetting}).
 */
package org.tracknum;
