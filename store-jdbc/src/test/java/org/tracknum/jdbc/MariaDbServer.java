package org.tracknum.jdbc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.tracknum.ci.TestServices;

/**
 * A MariaDB instance of a fault test's own: {@code mariadb-install-db} into a temporary directory,
 * {@code mariadbd --user=mysql} on a free port with durable settings
 * ({@code innodb_flush_log_at_trx_commit=1}), killed with kill -9 and restarted by process id.
 */
final class MariaDbServer implements AutoCloseable {
    static final Path MARIADBD = Paths.get("/usr/sbin/mariadbd");

    private final Path root;
    private final int port;
    private Process process;

    private MariaDbServer(Path root, int port) {
        this.root = root;
        this.port = port;
    }

    static void requireAvailable() {
        String why = null;
        if (!Files.isExecutable(MARIADBD)) {
            why = MARIADBD + " is missing";
        } else if (!"root".equals(System.getProperty("user.name"))) {
            why = "not running as root, so mariadbd --user=mysql is unavailable";
        }
        if (why != null) {
            TestServices.unavailable("MariaDB fault tests: " + why, null);
        }
    }

    static MariaDbServer create() throws Exception {
        Path root = Files.createTempDirectory("tracknum-mariadb-");
        MariaDbServer server = new MariaDbServer(root, LocalProcesses.freePort());
        try {
            LocalProcesses.run(30, "chown", "mysql:mysql", root.toString());
            LocalProcesses.run(180, "mariadb-install-db", "--no-defaults", "--datadir=" + server.data(), "--user=mysql",
                    "--auth-root-authentication-method=normal", "--skip-test-db");
            server.start();
            try (Connection c = DriverManager.getConnection(server.rootUrl("")); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE IF NOT EXISTS faults");
            }
            return server;
        } catch (Exception | Error e) {
            server.close();
            throw e;
        }
    }

    private Path data() {
        return root.resolve("data");
    }

    void start() throws Exception {
        process = new ProcessBuilder(MARIADBD.toString(), "--no-defaults", "--user=mysql", "--datadir=" + data(),
                "--port=" + port, "--bind-address=127.0.0.1", "--socket=" + root.resolve("mariadbd.sock"),
                "--pid-file=" + root.resolve("mariadbd.pid"), "--innodb-flush-log-at-trx-commit=1",
                "--innodb-buffer-pool-size=64M", "--skip-name-resolve", "--max-connections=60",
                "--log-error=" + root.resolve("error.log"))
                .redirectErrorStream(true).redirectOutput(root.resolve("stdout.log").toFile()).start();
        LocalProcesses.writePidFile("mariadbd-" + port, process.pid());
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            try (Connection c = DriverManager.getConnection(rootUrl(""))) {
                return;
            } catch (SQLException e) {
                if (System.nanoTime() > deadline || !process.isAlive()) {
                    throw new IllegalStateException("mariadbd did not come up: " + Files.readString(root.resolve("error.log")), e);
                }
                Thread.sleep(200);
            }
        }
    }

    private String rootUrl(String database) {
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + database + "?user=root&connectTimeout=2000";
    }

    String url() {
        return "jdbc:mariadb://127.0.0.1:" + port + "/faults?user=root";
    }

    void killNine() throws Exception {
        LocalProcesses.signal("KILL", List.of(process.pid()));
        process.onExit().join();
    }

    @Override
    public void close() throws Exception {
        try {
            if (process != null && process.isAlive()) {
                LocalProcesses.signal("KILL", List.of(process.pid()));
                process.onExit().join();
            }
        } finally {
            LocalProcesses.deleteTree(root);
        }
    }
}
