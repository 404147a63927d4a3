package org.tracknum;


/**
 * Draws candidate tracking numbers. The generator normally draws from its
 * {@link TrackingNumberFormat}; a custom source (deterministic ones in tests, to force
 * collisions) is set with {@code TrackingNumberGenerator.Builder.candidateSource}. Every candidate
 * must match {@code ^[A-Z0-9]{1,16}$}, or the call fails. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface CandidateSource {
    String candidate(ShipmentRequest request);
}
