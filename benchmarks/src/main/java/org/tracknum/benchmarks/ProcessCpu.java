package org.tracknum.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time of processes from {@code /proc/<pid>/stat} (Linux): user + system time of a process
 * and of every process below it, plus what its exited children left in its {@code cutime} and
 * {@code cstime}, so a PostgreSQL backend that ends during a measurement still counts.
 */
final class ProcessCpu {
    /** Linux's USER_HZ, the unit of the times in {@code /proc/<pid>/stat}; 100 on every common build. */
    static final long TICKS_PER_SECOND = 100;
    private static final long NANOS_PER_TICK = 1_000_000_000L / TICKS_PER_SECOND;
    private static final Path PROC = Path.of("/proc");

    private ProcessCpu() {
    }

    /** The fields of one {@code stat} line after the command (which may contain spaces and parentheses). */
    private static String[] fields(long pid) throws IOException {
        String line = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"), StandardCharsets.US_ASCII);
        return line.substring(line.lastIndexOf(')') + 2).trim().split(" ");
    }

    /** The process's command name ({@code /proc/<pid>/comm}), or empty if there is no such process. */
    static String command(long pid) {
        try {
            return Files.readString(PROC.resolve(Long.toString(pid)).resolve("comm"), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "";
        }
    }

    /** The parent of {@code pid}, or -1. */
    static long parent(long pid) {
        try {
            return Long.parseLong(fields(pid)[1]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** User and system time of this JVM's own process, in nanoseconds: {@code {user, system}}. */
    static long[] selfUserAndSystem() {
        try {
            String[] f = fields(ProcessHandle.current().pid());
            return new long[] {Long.parseLong(f[11]) * NANOS_PER_TICK, Long.parseLong(f[12]) * NANOS_PER_TICK};
        } catch (IOException | RuntimeException e) {
            return new long[] {-1, -1};
        }
    }

    /**
     * CPU time in nanoseconds of the trees rooted at {@code roots}: each root's and each live
     * descendant's user + system time, plus the reaped children's time recorded in each of them.
     * Returns -1 if a root has gone.
     */
    static long treeNanos(List<Long> roots) {
        Map<Long, List<Long>> children = new HashMap<>();
        Map<Long, Long> ticks = new HashMap<>();
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(PROC, p -> isPid(p.getFileName().toString()))) {
            for (Path p : procs) {
                long pid = Long.parseLong(p.getFileName().toString());
                try {
                    String[] f = fields(pid);
                    children.computeIfAbsent(Long.parseLong(f[1]), k -> new ArrayList<>()).add(pid);
                    ticks.put(pid, Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13])
                            + Long.parseLong(f[14]));
                } catch (IOException | RuntimeException gone) {
                    // the process ended while we listed /proc: its parent's cutime/cstime has it
                }
            }
        } catch (IOException e) {
            return -1;
        }
        long total = 0;
        Deque<Long> todo = new ArrayDeque<>(roots);
        while (!todo.isEmpty()) {
            long pid = todo.pop();
            Long t = ticks.get(pid);
            if (t == null) {
                if (roots.contains(pid)) {
                    return -1;
                }
                continue;
            }
            total += t;
            todo.addAll(children.getOrDefault(pid, List.of()));
        }
        return total * NANOS_PER_TICK;
    }

    private static boolean isPid(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (!Character.isDigit(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
