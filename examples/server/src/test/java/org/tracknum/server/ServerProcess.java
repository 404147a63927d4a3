package org.tracknum.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The built {@code tracknum-server.jar} running as a child process, on a free port (the server is
 * asked for port 0 and reports the one it got), in a working directory of the test's choosing,
 * with exactly the {@code TRACKNUM_*} environment the test sets. Always {@link #close()} it.
 */
final class ServerProcess implements AutoCloseable {
    /**
     * The JUnit tag of every test class that runs the built jar: Surefire leaves them out (they
     * need the jar, which is packaged after Surefire runs), also under {@code -Dtest=...}; Failsafe
     * runs them after {@code package}.
     */
    static final String TAG = "server-jar";
    private static final Pattern LISTENING = Pattern.compile("listening on http://([^/]+):(\\d+)/");
    private static final long START_TIMEOUT_SECONDS = 60;

    private final Process process;
    private final Path log;
    private final URI base;

    private ServerProcess(Process process, Path log) throws IOException, InterruptedException {
        this.process = process;
        this.log = log;
        this.base = awaitListening();
    }

    /**
     * Starts the server jar in {@code workDir} with the given {@code TRACKNUM_*} variables and
     * arguments, on a free port (unless the arguments or environment choose one), and waits until it
     * reports where it listens.
     */
    static ServerProcess start(Path workDir, Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        return start(workDir, environment, List.of(), args);
    }

    /** Like {@link #start(Path, Map, String...)}, with options for the JVM such as {@code -Dkey=value}. */
    static ServerProcess start(Path workDir, Map<String, String> environment, List<String> jvmOptions,
                               String... args) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(jvmOptions);
        all.add("-jar");
        all.add(serverJar().toString());
        all.addAll(List.of(args));
        if (!all.contains("--port") && !environment.containsKey("TRACKNUM_SERVER_PORT")) {
            all.addAll(List.of("--port", "0"));
        }
        Path log = Files.createTempFile(Files.createDirectories(workDir), "server-", ".log");
        return new ServerProcess(launch(workDir, environment, all, log), log);
    }

    /** Runs the server jar expecting it to exit by itself (bad options or configuration). */
    static Exited runToExit(Path workDir, Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile(Files.createDirectories(workDir), "server-", ".log");
        List<String> all = new ArrayList<>(List.of("-jar", serverJar().toString()));
        all.addAll(List.of(args));
        Process process = launch(workDir, environment, all, log);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("server did not exit: " + Files.readAllLines(log));
        }
        return new Exited(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    record Exited(int code, String output) {
    }

    /** Runs {@code java -Xmx256m} with {@code javaArgs} (JVM options, then {@code -jar ...} and its arguments). */
    private static Process launch(Path workDir, Map<String, String> environment, List<String> javaArgs, Path log)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx256m"));
        command.addAll(javaArgs);
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("TRACKNUM_"));
        builder.environment().putAll(environment);
        return builder.start();
    }

    static Path serverJar() {
        String jar = System.getProperty("tracknum.server.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("system property tracknum.server.jar must name the built jar "
                    + "(run the tests with mvn verify, after package): " + jar);
        }
        return Path.of(jar);
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private URI awaitListening() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_SECONDS);
        while (System.nanoTime() < deadline) {
            for (String line : output()) {
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    return URI.create("http://" + m.group(1) + ":" + m.group(2));
                }
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("server exited with " + process.exitValue() + " before listening: "
                        + output());
            }
            Thread.sleep(20);
        }
        process.destroyForcibly();
        throw new IllegalStateException("server did not report listening within " + START_TIMEOUT_SECONDS + " s: "
                + output());
    }

    URI uri(String pathAndQuery) {
        return URI.create(base + pathAndQuery);
    }

    int port() {
        return base.getPort();
    }

    long pid() {
        return process.pid();
    }

    /** Everything the server printed so far (stdout and stderr, which the test keeps in a file). */
    List<String> output() {
        try {
            return Files.readAllLines(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGTERM, then the exit code (waits up to a minute). */
    int terminate() throws InterruptedException {
        process.destroy();
        return awaitExit();
    }

    /** SIGKILL ({@code kill -9}), then the exit code. */
    int kill() throws InterruptedException {
        process.destroyForcibly();
        return awaitExit();
    }

    private int awaitExit() throws InterruptedException {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            throw new IllegalStateException("server " + process.pid() + " did not exit within 60 s");
        }
        return process.exitValue();
    }

    /** Kills the server if it still runs, and copies its output to the test's output. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
        output().forEach(line -> System.out.println("[server " + process.pid() + "] " + line));
    }
}
