package io.imwatch.app.it;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** imwatch running as a child JVM from the fat jar, as it runs in production: killable with SIGKILL. */
final class ImwatchProcess implements AutoCloseable {

    private final Process process;
    private final int httpPort;

    private ImwatchProcess(Process process, int httpPort) {
        this.process = process;
        this.httpPort = httpPort;
    }

    /** The fat jar built by {@code mvn package} (integration tests run after it). */
    static Path jar() {
        Path jar = Path.of("target", "imwatch.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run the integration tests with `mvn verify`");
        }
        return jar;
    }

    static ImwatchProcess start(Map<String, String> settings, Path log) throws IOException {
        int port = LocalServers.freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-jar",
                jar().toString(),
                "run",
                "--create-topics",
                "--http-port",
                Integer.toString(port)));
        settings.forEach((k, v) -> {
            command.add("--set");
            command.add(k + "=" + v);
        });
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        return new ImwatchProcess(process, port);
    }

    /** Whether /health/ready answers 200 (Kafka Streams RUNNING). */
    boolean isReady() {
        return LocalServers.answersOk(
                URI.create("http://localhost:" + httpPort + "/health/ready"), Duration.ofSeconds(2));
    }

    /** The text of {@code /metrics} (Prometheus format). */
    String scrape() throws IOException, InterruptedException {
        return java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort + "/metrics"))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString())
                .body();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no commit, no clean close. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** A normal stop (SIGTERM: the shutdown hook closes imwatch cleanly). */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
