package io.imwatch.app.it;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar imwatch.jar run ...} as a child JVM with an environment of the test's choosing
 * (no IMWATCH_* variable of the machine leaks in), its stdout and stderr together in one file: the
 * console a user sees.
 */
final class JarRun implements AutoCloseable {

    private final Process process;
    private final int httpPort;
    private final Path console;

    private JarRun(Process process, int httpPort, Path console) {
        this.process = process;
        this.httpPort = httpPort;
        this.console = console;
    }

    /** Starts {@code run --http-port <free port> args...} with {@code environment} added. */
    static JarRun start(Path console, Map<String, String> environment, String... args) throws IOException {
        int port = LocalServers.freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-jar",
                ImwatchProcess.jar().toString(),
                "run",
                "--http-port",
                Integer.toString(port)));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(console.toFile()));
        builder.environment().keySet().removeIf(name -> name.startsWith("IMWATCH_"));
        builder.environment().putAll(environment);
        return new JarRun(builder.start(), port, console);
    }

    /** Whether /health/ready answers 200 (Kafka Streams RUNNING). */
    boolean isReady() {
        return LocalServers.answersOk(
                URI.create("http://localhost:" + httpPort + "/health/ready"), Duration.ofSeconds(2));
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** What the process printed so far. */
    String console() throws IOException {
        return Files.readString(console, StandardCharsets.UTF_8);
    }

    /** SIGTERM, as Kubernetes and docker stop send it. */
    void terminate() {
        process.destroy();
    }

    /** SIGKILL: no clean-up at all. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** The exit status, or null if the process still runs after {@code timeout}. */
    Integer awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : null;
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                process.destroyForcibly().waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
