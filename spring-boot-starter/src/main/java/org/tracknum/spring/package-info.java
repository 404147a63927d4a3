/**
 * Spring Boot auto-configuration of one {@link org.tracknum.TrackingNumberGenerator} from the
 * {@code tracknum.*} properties of any Spring property source, with an Actuator health indicator
 * named {@code tracknum} and Micrometer meters when those are on the class path. Keys, defaults
 * and validation are the library's: this package only reads the properties and hands them to
 * {@link org.tracknum.TrackingNumberConfiguration#fromMap}.
 */
package org.tracknum.spring;
