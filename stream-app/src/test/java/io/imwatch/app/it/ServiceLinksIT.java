package io.imwatch.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pod of deploy/kubernetes gets Kubernetes' service-link variables for every Service of the
 * namespace (IMWATCH_SERVICE_HOST, IMWATCH_PORT_8080_TCP, ...), which share imwatch's IMWATCH_
 * prefix: imwatch must start with them, and with an unrelated IMWATCH_HOME.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ServiceLinksIT {

    private static final Path MANIFESTS = Path.of("..", "deploy", "kubernetes");

    @Test
    void shouldStartWithTheVariablesKubernetesInjectsForTheShippedServices(@TempDir Path dir) throws Exception {
        Map<String, String> environment = serviceLinks(services());
        // guards the computation: the shipped Service "imwatch" yields these, the headless one nothing
        assertThat(environment)
                .containsKeys(
                        "IMWATCH_SERVICE_HOST",
                        "IMWATCH_SERVICE_PORT",
                        "IMWATCH_SERVICE_PORT_HTTP",
                        "IMWATCH_PORT",
                        "IMWATCH_PORT_8080_TCP",
                        "IMWATCH_PORT_8080_TCP_ADDR",
                        "IMWATCH_PORT_8080_TCP_PORT",
                        "IMWATCH_PORT_8080_TCP_PROTO")
                .doesNotContainKey("IMWATCH_HEADLESS_SERVICE_HOST");
        environment.put("IMWATCH_HOME", "/opt/imwatch");

        try (JarRun imwatch = JarRun.start(dir.resolve("console.txt"), environment, "--set", "summary.interval=0s")) {
            await().atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> imwatch.isReady() || !imwatch.isAlive());
            assertThat(imwatch.isAlive()).as(imwatch.console()).isTrue();
            assertThat(imwatch.console()).doesNotContain("unknown key").doesNotContain("IMWATCH_");
            imwatch.terminate();
            assertThat(imwatch.awaitExit(Duration.ofMinutes(1))).isZero();
        }
    }

    /** Every Service in the manifests. */
    private static List<JsonNode> services() throws IOException {
        List<JsonNode> services = new ArrayList<>();
        YAMLMapper yaml = new YAMLMapper();
        try (Stream<Path> files = Files.list(MANIFESTS)) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                try (MappingIterator<JsonNode> docs =
                        yaml.readerFor(JsonNode.class).readValues(file.toFile())) {
                    docs.forEachRemaining(doc -> {
                        if (doc != null && "Service".equals(doc.path("kind").asText())) {
                            services.add(doc);
                        }
                    });
                }
            }
        }
        assertThat(services).as("Services in " + MANIFESTS).isNotEmpty();
        return services;
    }

    /**
     * The variables the kubelet gives a pod for these Services (pkg/kubelet/envvars: name upper-cased,
     * '-' to '_'; none for a headless Service; the first port also as SVC_SERVICE_PORT and SVC_PORT).
     */
    static Map<String, String> serviceLinks(List<JsonNode> services) {
        Map<String, String> env = new LinkedHashMap<>();
        int n = 10;
        for (JsonNode service : services) {
            JsonNode spec = service.path("spec");
            if ("None".equals(spec.path("clusterIP").asText())
                    || "ExternalName".equals(spec.path("type").asText())) {
                continue;
            }
            String ip = "10.96.0." + n++;
            String name = variableName(service.path("metadata").path("name").asText());
            JsonNode ports = spec.path("ports");
            env.put(name + "_SERVICE_HOST", ip);
            env.put(name + "_SERVICE_PORT", ports.get(0).path("port").asText());
            for (JsonNode port : ports) {
                if (port.hasNonNull("name")) {
                    env.put(
                            name + "_SERVICE_PORT_"
                                    + variableName(port.path("name").asText()),
                            port.path("port").asText());
                }
            }
            for (int i = 0; i < ports.size(); i++) {
                JsonNode port = ports.get(i);
                String protocol = port.path("protocol").asText("TCP");
                String url = protocol.toLowerCase(Locale.ROOT) + "://" + ip + ":"
                        + port.path("port").asText();
                if (i == 0) {
                    env.put(name + "_PORT", url);
                }
                String prefix = name + "_PORT_" + port.path("port").asText() + "_" + protocol.toUpperCase(Locale.ROOT);
                env.put(prefix, url);
                env.put(prefix + "_PROTO", protocol.toLowerCase(Locale.ROOT));
                env.put(prefix + "_PORT", port.path("port").asText());
                env.put(prefix + "_ADDR", ip);
            }
        }
        return env;
    }

    private static String variableName(String name) {
        return name.toUpperCase(Locale.ROOT).replace('-', '_');
    }
}
