package org.tracknum.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import redis.clients.jedis.Jedis;

/**
 * The server process(es) a benchmark talks to, found through the server itself (its own pid, so a
 * second PostgreSQL started by a test on another port is not counted), for {@link CpuMeter}. A
 * server on another host or in another pid namespace is reported as not measurable.
 */
final class ServerProcess {
    private static final ServerProcess NONE = new ServerProcess(List.of());

    private final List<Long> roots;

    private ServerProcess(List<Long> roots) {
        this.roots = List.copyOf(roots);
    }

    /** No server outside this JVM (memory store, H2, SQLite). */
    static ServerProcess none() {
        return NONE;
    }

    /** The postmaster of the backend behind {@code c}, and through it every PostgreSQL process of that server. */
    static ServerProcess postgres(Connection c) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            long backend = rs.getLong(1);
            return checked("postgres", List.of(ProcessCpu.parent(backend)), Set.of("postgres"));
        } catch (SQLException e) {
            return unmeasurable("postgres", e.getMessage());
        }
    }

    /** The {@code mariadbd} process, from the server's {@code pid_file} (relative to its data directory if not absolute). */
    static ServerProcess mariaDb(Connection c) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT @@pid_file, @@datadir")) {
            rs.next();
            Path pidFile = Path.of(rs.getString(2)).resolve(rs.getString(1));
            long pid = Long.parseLong(Files.readString(pidFile).strip());
            return checked("mariadbd", List.of(pid), Set.of("mariadbd", "mysqld"));
        } catch (SQLException | IOException | RuntimeException e) {
            return unmeasurable("mariadbd", e.getMessage());
        }
    }

    /** The {@code redis-server} processes behind {@code nodes} (every master of a Cluster). */
    static ServerProcess redis(List<Jedis> nodes) {
        List<Long> pids = new ArrayList<>();
        try {
            for (Jedis node : nodes) {
                for (String line : node.info("server").split("\r?\n")) {
                    if (line.startsWith("process_id:")) {
                        pids.add(Long.parseLong(line.substring("process_id:".length()).strip()));
                    }
                }
            }
        } catch (RuntimeException e) {
            return unmeasurable("redis-server", e.getMessage());
        }
        return checked("redis-server", pids, Set.of("redis-server"));
    }

    private static ServerProcess checked(String name, List<Long> pids, Set<String> commands) {
        if (pids.isEmpty()) {
            return unmeasurable(name, "no process id");
        }
        for (long pid : pids) {
            String command = ProcessCpu.command(pid);
            if (!commands.contains(command)) {
                return unmeasurable(name, "process " + pid + " is " + (command.isEmpty() ? "not on this host" : command));
            }
        }
        return new ServerProcess(pids);
    }

    private static ServerProcess unmeasurable(String name, String why) {
        System.err.println("[cpu] the " + name + " server's CPU time is not measured: " + why);
        return NONE;
    }

    /** CPU time of the server's processes so far, in nanoseconds, or -1. */
    long cpuNanos() {
        return roots.isEmpty() ? -1 : ProcessCpu.treeNanos(roots);
    }
}
