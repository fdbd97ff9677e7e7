package io.imwatch.app.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.imwatch.classify.event.LogEventParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** A real Alertmanager (Debian's prometheus-alertmanager package) as a child process. */
public final class AlertmanagerProcess implements AutoCloseable {

    private static final Path BINARY = Path.of("/usr/bin/prometheus-alertmanager");

    private final Process process;
    private final int port;

    private AlertmanagerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Empty when Alertmanager is not installed (CI installs it: apt-get install prometheus-alertmanager). */
    static Optional<AlertmanagerProcess> startIfInstalled(Path dir) throws IOException {
        if (!installed()) {
            if (ExternalTools.required()) {
                throw new AssertionError("Alertmanager is required (imwatch.require.tools=true) but " + BINARY
                        + " is missing: apt-get install -y prometheus-alertmanager");
            }
            return Optional.empty();
        }
        Path config = Files.writeString(dir.resolve("alertmanager.yml"), """
                route:
                  receiver: blackhole
                  group_wait: 1s
                receivers:
                  - name: blackhole
                """);
        return Optional.of(start(config, dir));
    }

    /** Starts Alertmanager with {@code config}, its data and log in {@code dir}; the caller checks it is installed. */
    public static AlertmanagerProcess start(Path config, Path dir) throws IOException {
        int port = LocalServers.freePort();
        Process process = new ProcessBuilder(
                        BINARY.toString(),
                        "--config.file=" + config,
                        "--storage.path=" + dir.resolve("data"),
                        "--web.listen-address=127.0.0.1:" + port,
                        "--cluster.listen-address=")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("alertmanager.log").toFile())
                .start();
        return new AlertmanagerProcess(process, port);
    }

    /** Whether the Alertmanager binary is installed. */
    public static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** GET /api/v2/alerts, or an empty array while it is not answering yet. */
    JsonNode alerts() {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(url() + "/api/v2/alerts"))
                                    .timeout(Duration.ofSeconds(2))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            return LogEventParser.mapper().readTree(response.body());
        } catch (IOException e) {
            return LogEventParser.mapper().createArrayNode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return LogEventParser.mapper().createArrayNode();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
