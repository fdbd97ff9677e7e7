package io.imwatch.benchmarks.scale;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * {@code java -jar imwatch.jar run} as a child JVM, as production runs it: its own CPU time (apart
 * from the broker's, which stays in the harness), its readiness, SIGKILL.
 */
final class ImwatchChild implements AutoCloseable {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final int httpPort;

    private ImwatchChild(Process process, int httpPort) {
        this.process = process;
        this.httpPort = httpPort;
    }

    /**
     * Creates {@code app}'s input topic ({@code <app>.input}) and output topics, each with
     * {@code partitions}, and returns the settings every instance of {@code app} shares: the
     * cluster, the topics, every record written somewhere ({@code nocode.forward}), no console summary.
     */
    static Map<String, String> createApp(Admin admin, String bootstrapServers, String app, int partitions)
            throws Exception {
        String input = app + ".input";
        List<NewTopic> topics = new ArrayList<>(List.of(new NewTopic(input, partitions, (short) 1)));
        Map<String, String> settings = new HashMap<>();
        for (String output : List.of("enriched", "unknown", "deadletter", "nocode", "counts", "alerts")) {
            settings.put("topic." + output, app + "." + output);
            topics.add(new NewTopic(app + "." + output, partitions, (short) 1));
        }
        admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
        settings.putAll(Map.of(
                "bootstrap.servers", bootstrapServers,
                "application.id", app,
                "input.topics", input,
                "nocode.forward", "true",
                "summary.interval", "0s"));
        return settings;
    }

    /** Starts {@code run --set k=v ...}, its console appended to {@code log}. */
    static ImwatchChild start(Path jar, Map<String, String> settings, Path log) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g",
                "-jar",
                jar.toString(),
                "run",
                "--http-port",
                Integer.toString(port)));
        settings.forEach((k, v) -> {
            command.add("--set");
            command.add(k + "=" + v);
        });
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().keySet().removeIf(name -> name.startsWith("IMWATCH_"));
        return new ImwatchChild(builder.start(), port);
    }

    /** Whether /health/ready answers 200 (Kafka Streams RUNNING). */
    boolean isReady() {
        try {
            return HTTP.send(
                                    HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort + "/health/ready"))
                                            .timeout(Duration.ofSeconds(2))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode()
                    == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * The partitions its stream threads' consumers hold (active tasks' input, repartition topics
     * included): {@code kafka_consumer_coordinator_assigned_partitions} summed over /metrics; -1
     * while it does not answer.
     */
    long assignedPartitions() {
        try {
            String body = HTTP.send(
                            HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort + "/metrics"))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            return body.lines()
                    .filter(l -> l.startsWith("kafka_consumer_coordinator_assigned_partitions{"))
                    .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                    .sum();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** CPU time the process used so far, all its threads (from /proc on Linux). */
    long cpuNanos() {
        return process.toHandle()
                .info()
                .totalCpuDuration()
                .map(Duration::toNanos)
                .orElse(0L);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** SIGTERM, then SIGKILL after a minute. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
