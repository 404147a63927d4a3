package org.tracknum.benchmarks;

import java.lang.management.ManagementFactory;

/**
 * CPU time of this JVM and of the watched server around each measurement iteration. A benchmark
 * state calls {@link #watch} once per trial, {@link #measurementStarts()} at the end of its
 * iteration set-up and {@link #measurementEnds()} at the start of its iteration tear-down, so
 * creating and dropping tables or deleting keys is not counted. {@link CpuProfiler} turns the
 * interval into CPU per operation; for a benchmark without these calls it uses the whole iteration.
 */
final class CpuMeter {
    /** One reading: JVM user, JVM system, JVM total (the MXBean's finer clock), server, wall; nanoseconds. */
    record Reading(long jvmUser, long jvmSystem, long jvm, long server, long wall) {
        Reading minus(Reading start) {
            return new Reading(jvmUser - start.jvmUser, jvmSystem - start.jvmSystem, jvm - start.jvm,
                    server < 0 || start.server < 0 ? -1 : server - start.server, wall - start.wall);
        }
    }

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static volatile ServerProcess server = ServerProcess.none();
    private static volatile Reading start;
    private static volatile Reading end;

    private CpuMeter() {
    }

    /** The server whose CPU is counted from now on ({@link ServerProcess#none()}: none). */
    static void watch(ServerProcess process) {
        server = process;
    }

    static void measurementStarts() {
        start = read();
        end = null;
    }

    static void measurementEnds() {
        end = read();
    }

    /** Forgets the last interval (at the start of each iteration). */
    static void reset() {
        start = null;
        end = null;
    }

    /** The interval the benchmark marked, or null if it marked none. */
    static Reading marked() {
        Reading s = start;
        Reading e = end;
        return s == null || e == null ? null : e.minus(s);
    }

    static Reading read() {
        long[] self = ProcessCpu.selfUserAndSystem();
        return new Reading(self[0], self[1], OS.getProcessCpuTime(), server.cpuNanos(), System.nanoTime());
    }
}
