package org.tracknum.jdbc;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Processes the fault tests start themselves: free ports, commands with a time limit, signals by
 * process id (never by name), pid files under {@code target/fault-runs} so that a run that died
 * can still be cleaned up by hand.
 */
final class LocalProcesses {
    static final Path PID_DIR = Paths.get("target", "fault-runs");

    private LocalProcesses() {
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    /** Runs a command to completion (at most {@code seconds}); fails with its output unless it exits 0. */
    static String run(int seconds, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        boolean done = p.waitFor(seconds, TimeUnit.SECONDS);
        String output = new String(p.getInputStream().readNBytes(64 * 1024), StandardCharsets.UTF_8);
        if (!done) {
            p.destroyForcibly();
            throw new IllegalStateException("timed out after " + seconds + " s: " + String.join(" ", command) + "\n" + output);
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("exit " + p.exitValue() + ": " + String.join(" ", command) + "\n" + output);
        }
        return output;
    }

    /** Sends {@code signal} (e.g. KILL, STOP, CONT) to each process id. */
    static void signal(String signal, List<Long> pids) throws IOException, InterruptedException {
        if (pids.isEmpty()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
        pids.forEach(pid -> command.add(Long.toString(pid)));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.waitFor(10, TimeUnit.SECONDS);
    }

    /** {@code pid} and its child processes (a PostgreSQL postmaster and its backends). */
    static List<Long> withChildren(long pid) {
        List<Long> pids = new ArrayList<>();
        ProcessHandle.of(pid).ifPresent(p -> {
            pids.add(p.pid());
            p.children().forEach(child -> pids.add(child.pid()));
        });
        return pids;
    }

    static void writePidFile(String name, long pid) throws IOException {
        Files.createDirectories(PID_DIR);
        Files.writeString(PID_DIR.resolve(name + ".pid"), pid + "\n");
    }

    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    static void deleteTree(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
