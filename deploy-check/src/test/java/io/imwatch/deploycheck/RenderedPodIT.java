package io.imwatch.deploycheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imwatch.app.embedded.EmbeddedKafka;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rendered pod started as the kubelet would start it: the fat jar in a child JVM with the
 * container's args and environment (ConfigMaps and Secrets resolved from the render, the
 * service-link variables Kubernetes injects, JAVA_TOOL_OPTIONS and all), its ConfigMap volumes
 * written to a directory standing in for the container's root, against an embedded broker on which
 * exactly the topics deploy/README.md lists were created beforehand. Only {@code bootstrap.servers}
 * (that broker), {@code http.port} (a free port) and {@code topics.replication.factor} (1: Kafka
 * Streams' internal topics on a single broker) are replaced. It must turn ready.
 *
 * <p>{@code deploy/examples/sasl} is left out: the embedded broker has no SASL listener.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class RenderedPodIT {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startBrokerWithTheDocumentedTopics() throws Exception {
        Kustomize.assumeKubectl();
        kafka = EmbeddedKafka.start();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            List<NewTopic> topics = DeployReadme.topics().stream()
                    .map(t -> new NewTopic(t, 2, (short) 1))
                    .toList();
            admin.createTopics(topics).all().get(60, TimeUnit.SECONDS);
        }
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    static Path jar() {
        Path jar = Path.of("..", "stream-app", "target", "imwatch.jar")
                .toAbsolutePath()
                .normalize();
        assertThat(jar)
                .as("the fat jar; run with `mvn verify` (stream-app is packaged first)")
                .isRegularFile();
        return jar;
    }

    @ParameterizedTest
    @ValueSource(strings = {"deploy/kubernetes", "deploy/examples/inhouse"})
    void shouldTurnReadyAsTheRenderedPod(String dir, @TempDir Path root) throws Exception {
        RenderedPod pod = RenderedPod.of(Kustomize.render(dir));
        pod.materialize(root);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // the image's entrypoint flags that do not depend on the container (heap: JAVA_TOOL_OPTIONS)
                "-XX:+ExitOnOutOfMemoryError",
                "-Duser.home=" + root.resolve("tmp"),
                "-jar",
                jar().toString()));
        pod.args().forEach(a -> command.add(pod.relocate(a, root)));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.clear();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        // the image's own environment (stream-app/pom.xml, Jib), then the pod's
        env.put("IMWATCH_STATE_DIR", "/var/lib/imwatch/state");
        pod.environment().forEach((k, v) -> env.put(k, pod.relocate(v, root)));
        env.put("IMWATCH_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("IMWATCH_HTTP_PORT", Integer.toString(port));
        // one broker cannot hold the 3 replicas imwatch.yaml asks for its changelog/repartition topics
        env.put("IMWATCH_TOPICS_REPLICATION_FACTOR", "1");
        Path log = root.resolve("imwatch.log");
        Process process =
                builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            URI ready = URI.create("http://localhost:" + port + "/health/ready");
            await("imwatch from " + dir + " ready (log: " + log + ")")
                    .atMost(Duration.ofMinutes(5))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new AssertionError(dir + ": imwatch exited with " + process.exitValue()
                                    + " before it was ready; its output:\n" + tail(log));
                        }
                        return answersOk(ready);
                    });
        } finally {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    private static boolean answersOk(URI uri) {
        try {
            return HTTP.send(
                                    HttpRequest.newBuilder(uri)
                                            .timeout(Duration.ofSeconds(3))
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

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }
}
