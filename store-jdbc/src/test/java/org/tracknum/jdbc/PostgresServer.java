package org.tracknum.jdbc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.tracknum.ci.TestServices;

/**
 * A PostgreSQL instance of a fault test's own: free port, temporary data directory owned by
 * {@code postgres} (PostgreSQL refuses to run as root, so every command goes through
 * {@code runuser}), durable settings (fsync and synchronous_commit on). Killed, paused and
 * restarted by process id.
 */
final class PostgresServer implements AutoCloseable {
    /** The newest installed PostgreSQL's binaries (Debian layout; 15 on these machines). */
    static final Path BIN = newestBin();

    private final Path root;
    private final Path data;
    private final int port;
    private final String settings;

    private PostgresServer(Path root, int port, String... settings) {
        this.root = root;
        this.data = root.resolve("data");
        this.port = port;
        StringBuilder options = new StringBuilder();
        for (String setting : settings) {
            options.append(" -c ").append(setting);
        }
        this.settings = options.toString();
    }

    private static Path newestBin() {
        Path base = Paths.get("/usr/lib/postgresql");
        try (java.util.stream.Stream<Path> versions = Files.list(base)) {
            return versions.filter(v -> Files.isExecutable(v.resolve("bin/initdb")))
                    .max(java.util.Comparator.comparingInt(v -> Integer.parseInt(v.getFileName().toString().replaceAll("\\D", "0"))))
                    .map(v -> v.resolve("bin")).orElse(base.resolve("15/bin"));
        } catch (java.io.IOException e) {
            return base.resolve("15/bin");
        }
    }

    /** Skips (fails on CI) unless PostgreSQL's binaries and root (for runuser) are there. */
    static void requireAvailable() {
        String why = null;
        if (!Files.isExecutable(BIN.resolve("initdb"))) {
            why = BIN + "/initdb is missing";
        } else if (!"root".equals(System.getProperty("user.name"))) {
            why = "not running as root, so runuser -u postgres is unavailable";
        }
        if (why != null) {
            TestServices.unavailable("PostgreSQL fault tests: " + why, null);
        }
    }

    static PostgresServer create() throws Exception {
        return create(new String[0]);
    }

    /** A new instance started with extra {@code name=value} settings (e.g. {@code synchronous_standby_names=*}). */
    static PostgresServer create(String... settings) throws Exception {
        Path root = Files.createTempDirectory("tracknum-pg-");
        PostgresServer server = new PostgresServer(root, LocalProcesses.freePort(), settings);
        try {
            LocalProcesses.run(30, "chown", "postgres:postgres", root.toString());
            server.asPostgres(120, BIN.resolve("initdb").toString(), "-D", server.data.toString(), "-A", "trust",
                    "-U", "postgres", "-E", "UTF8", "--no-sync");
            server.start();
            return server;
        } catch (Exception | Error e) {
            server.close();
            throw e;
        }
    }

    /**
     * A streaming-replication standby of this server ({@code pg_basebackup -R}), started with its
     * own {@code settings}: {@code synchronous_standby_names} is always cleared on it, or once
     * promoted it would wait for a standby of its own that does not exist.
     */
    PostgresServer standby(String... settings) throws Exception {
        Path standbyRoot = Files.createTempDirectory("tracknum-pg-standby-");
        String[] all = java.util.Arrays.copyOf(settings, settings.length + 1);
        all[settings.length] = "synchronous_standby_names=''";
        PostgresServer standby = new PostgresServer(standbyRoot, LocalProcesses.freePort(), all);
        try {
            LocalProcesses.run(30, "chown", "postgres:postgres", standbyRoot.toString());
            standby.asPostgres(120, BIN.resolve("pg_basebackup").toString(), "-D", standby.data.toString(),
                    "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", "postgres", "-R", "-X", "stream",
                    "--no-sync", "-c", "fast");
            standby.start();
            return standby;
        } catch (Exception | Error e) {
            standby.close();
            throw e;
        }
    }

    void start() throws Exception {
        asPostgres(60, BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", root.resolve("log").toString(),
                "-w", "-t", "30", "-o", options(), "start");
        LocalProcesses.writePidFile("postgres-" + port, postmasterPid());
    }

    /** {@code pg_ctl stop -m immediate}: the next start recovers from the write-ahead log. */
    void stop() throws Exception {
        asPostgres(60, BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop");
    }

    private String options() {
        return "-p " + port + " -k " + root + " -c listen_addresses=127.0.0.1"
                + " -c max_connections=60 -c fsync=on -c synchronous_commit=on" + settings;
    }

    /** {@code pg_ctl restart -m immediate}: no shutdown checkpoint, crash recovery at start. */
    void restartImmediate() throws Exception {
        asPostgres(90, BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", root.resolve("log").toString(),
                "-m", "immediate", "-w", "-t", "60", "-o", options(), "restart");
        LocalProcesses.writePidFile("postgres-" + port, postmasterPid());
    }

    /** {@code pg_ctl promote}: a standby becomes a primary (returns once it accepts writes). */
    void promote() throws Exception {
        asPostgres(60, BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-w", "-t", "30", "promote");
    }

    int port() {
        return port;
    }

    /** A primary's walsender process (by its process title), to hold back replication. */
    long walSenderPid() throws Exception {
        for (long pid : LocalProcesses.withChildren(postmasterPid())) {
            Path cmdline = Paths.get("/proc", Long.toString(pid), "cmdline");
            if (Files.exists(cmdline) && new String(Files.readAllBytes(cmdline), java.nio.charset.StandardCharsets.UTF_8)
                    .contains("walsender")) {
                return pid;
            }
        }
        throw new IllegalStateException("no walsender under postmaster " + postmasterPid());
    }

    String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
    }

    long postmasterPid() throws Exception {
        return Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).strip());
    }

    /** kill -9 of the postmaster and every backend, at once. */
    void killNine() throws Exception {
        List<Long> pids = LocalProcesses.withChildren(postmasterPid());
        LocalProcesses.signal("KILL", pids);
        for (long pid : pids) {
            ProcessHandle.of(pid).ifPresent(p -> p.onExit().join());
        }
    }

    /** SIGSTOP of the postmaster and every backend. */
    void pause() throws Exception {
        LocalProcesses.signal("STOP", LocalProcesses.withChildren(postmasterPid()));
    }

    void resume() throws Exception {
        LocalProcesses.signal("CONT", LocalProcesses.withChildren(postmasterPid()));
    }

    private void asPostgres(int seconds, String... command) throws Exception {
        String[] full = new String[command.length + 4];
        full[0] = "runuser";
        full[1] = "-u";
        full[2] = "postgres";
        full[3] = "--";
        System.arraycopy(command, 0, full, 4, command.length);
        LocalProcesses.run(seconds, full);
    }

    /** Stops the instance (immediate), kills what is left by pid, and removes the data directory. */
    @Override
    public void close() throws Exception {
        try {
            if (Files.exists(data.resolve("postmaster.pid")) && LocalProcesses.alive(postmasterPid())) {
                long pid = postmasterPid();
                resume();
                try {
                    asPostgres(30, BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w",
                            "stop");
                } finally {
                    if (LocalProcesses.alive(pid)) {
                        LocalProcesses.signal("KILL", LocalProcesses.withChildren(pid));
                    }
                }
            }
        } finally {
            LocalProcesses.deleteTree(root);
        }
    }
}
