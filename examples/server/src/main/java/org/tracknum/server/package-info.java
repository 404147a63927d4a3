/**
 * {@code tracknum-server}: the reference's REST API ({@code GET /api/next-tracking-number/},
 * {@code POST /api/tracking-numbers} for one shipment or a list, both with idempotency keys,
 * {@code GET /api/tracking-numbers/{number}}, {@code GET /health}, {@code GET /openapi.json})
 * served by Jetty's core HTTP server on top of a {@link org.tracknum.TrackingNumberGenerator}.
 * Start it with {@code java -jar tracknum-server.jar}; see
 * {@link org.tracknum.server.TrackingNumberServer} and {@link org.tracknum.server.ServerOptions}.
 */
package org.tracknum.server;
