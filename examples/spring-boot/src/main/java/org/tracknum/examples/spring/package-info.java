/**
 * A Spring Boot parcel service on the Tracknum starter: a REST controller that issues and looks up
 * tracking numbers, PostgreSQL through the application's own DataSource, health and metrics
 * through Actuator. Configuration is {@code application.yml} only.
 */
package org.tracknum.examples.spring;
