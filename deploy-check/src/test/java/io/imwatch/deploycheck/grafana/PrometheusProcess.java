package io.imwatch.deploycheck.grafana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imwatch.app.it.LocalServers;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus server run as a child process, scraping one target every second, with its
 * data in a directory of the caller's; and a small client for its HTTP query API.
 */
final class PrometheusProcess implements AutoCloseable {

    /** Set to the prometheus binary to use one that is not on the PATH. */
    static final String BINARY_ENV = "PROMETHEUS_BIN";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path log;
    private final URI base;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private PrometheusProcess(Process process, Path log, URI base) {
        this.process = process;
        this.log = log;
        this.base = base;
    }

    /** The prometheus binary: {@value #BINARY_ENV}, else the first on the PATH. */
    static Optional<Path> binary() {
        String configured = System.getenv(BINARY_ENV);
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured)).filter(Files::isExecutable);
        }
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, "prometheus");
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** Starts Prometheus on a free loopback port, scraping {@code target}'s /metrics every second. */
    static PrometheusProcess start(Path binary, Path workDir, String job, String target) throws IOException {
        Path config = workDir.resolve("prometheus.yml");
        Files.writeString(
                config,
                String.join(
                        "\n",
                        "global:",
                        "  scrape_interval: 1s",
                        "  scrape_timeout: 1s",
                        "  evaluation_interval: 1s",
                        "scrape_configs:",
                        "  - job_name: " + job,
                        "    metrics_path: /metrics",
                        "    static_configs:",
                        "      - targets: ['" + target + "']",
                        ""));
        int port = LocalServers.freePort();
        Path log = workDir.resolve("prometheus.log");
        Process process = new ProcessBuilder(
                        binary.toString(),
                        "--config.file=" + config,
                        "--storage.tsdb.path=" + workDir.resolve("data"),
                        "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        return new PrometheusProcess(process, log, URI.create("http://127.0.0.1:" + port));
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** True once the server answers /-/ready with 200; fails if the process has exited. */
    boolean isReady() {
        if (!process.isAlive()) {
            throw new IllegalStateException("prometheus exited with " + process.exitValue() + ":\n" + logTail());
        }
        return LocalServers.answersOk(base.resolve("/-/ready"), Duration.ofSeconds(5));
    }

    /** An instant query at now; the {@code result} array. */
    JsonNode query(String expr) {
        return get("/api/v1/query", Map.of("query", expr)).path("result");
    }

    /** A range query; the {@code result} array of series with their {@code values}. */
    JsonNode queryRange(String expr, Instant start, Instant end, Duration step) {
        return get(
                        "/api/v1/query_range",
                        Map.of(
                                "query",
                                expr,
                                "start",
                                Long.toString(start.getEpochSecond()),
                                "end",
                                Long.toString(end.getEpochSecond()),
                                "step",
                                step.toSeconds() + "s"))
                .path("result");
    }

    /** What Grafana's {@code label_values(match, label)} asks Prometheus. */
    List<String> labelValues(String label, String match, Instant start, Instant end) {
        List<String> values = new ArrayList<>();
        get(
                        "/api/v1/label/" + label + "/values",
                        Map.of(
                                "match[]", match,
                                "start", Long.toString(start.getEpochSecond()),
                                "end", Long.toString(end.getEpochSecond())))
                .forEach(v -> values.add(v.asText()));
        return values;
    }

    private JsonNode get(String path, Map<String, String> parameters) {
        StringJoiner query = new StringJoiner("&");
        parameters.forEach((k, v) -> query.add(
                URLEncoder.encode(k, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path + "?" + query))
                .timeout(Duration.ofSeconds(20))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = JSON.readTree(response.body());
            if (!"success".equals(body.path("status").asText())) {
                throw new QueryFailed(body.path("errorType").asText() + ": "
                        + body.path("error").asText(response.body()));
            }
            return body.path("data");
        } catch (IOException e) {
            throw new UncheckedIOException("prometheus " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The last lines Prometheus logged. */
    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Stops Prometheus (SIGTERM, then SIGKILL after 20s) and waits for it to exit. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Prometheus rejected a query (bad syntax, unknown function, execution error). */
    static final class QueryFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        QueryFailed(String message) {
            super(message);
        }
    }
}
