/**
 * Tracknum's public API: {@link org.tracknum.TrackingNumberGenerator} issues unique tracking
 * numbers for validated {@link org.tracknum.ShipmentRequest}s, in the shape of a
 * {@link org.tracknum.TrackingNumberFormat}, claimed in a pluggable store
 * ({@link org.tracknum.MemoryReservationStore} here; JDBC and Redis in their own modules).
 */
package org.tracknum;
