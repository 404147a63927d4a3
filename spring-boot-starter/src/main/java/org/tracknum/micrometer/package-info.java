/**
 * Micrometer meters for a generator, as a {@link org.tracknum.TrackingNumberListener}: usable
 * with or without Spring.
 */
package org.tracknum.micrometer;
