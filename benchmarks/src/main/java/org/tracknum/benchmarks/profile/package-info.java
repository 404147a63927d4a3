/**
 * Flame graphs for {@code benchmarks/profile.sh}: {@link org.tracknum.benchmarks.profile.JfrStacks}
 * turns a JFR recording's CPU samples into collapsed stacks (one line per distinct stack,
 * root first, with its sample count), the format async-profiler also writes, and
 * {@link org.tracknum.benchmarks.profile.FlameGraph} draws collapsed stacks as a static SVG.
 */
package org.tracknum.benchmarks.profile;
