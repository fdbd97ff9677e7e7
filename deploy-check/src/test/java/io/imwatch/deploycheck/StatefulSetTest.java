package io.imwatch.deploycheck;

import static io.imwatch.deploycheck.DeployFiles.K8S;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.imwatch.app.config.ConfigSources;
import io.imwatch.deploycheck.KubernetesBase.Resource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The base's StatefulSet, read as a file (no kubectl): the imwatch pod is set up as the app and Kafka Streams need. */
class StatefulSetTest {

    private static final String STATE_MOUNT = "/var/lib/imwatch";

    private final KubernetesBase base = new KubernetesBase();
    private final Resource sts = base.ofKind("StatefulSet").stream()
            .findFirst()
            .orElseThrow(() -> new AssertionError(K8S + " has no StatefulSet"));
    private final String where = sts.where();
    private final JsonNode podSpec = sts.doc().at("/spec/template/spec");
    private final JsonNode container = container(podSpec, where);
    private final int replicas =
            DeployFiles.intOr(sts.doc().at("/spec/replicas").asText(null), 1);

    @Test
    void shouldSelectItsPodsThroughAHeadlessService() {
        JsonNode selector = sts.doc().at("/spec/selector/matchLabels");
        JsonNode labels = sts.doc().at("/spec/template/metadata/labels");
        assertThat(KubernetesBase.selects(selector, labels))
                .as("%s: spec.selector.matchLabels %s does not match the template labels %s", where, selector, labels)
                .isTrue();
        String serviceName = sts.doc().at("/spec/serviceName").asText("");
        assertThat(base.find("Service", serviceName)
                        .map(s -> s.doc().at("/spec/clusterIP").asText()))
                .as("%s: spec.serviceName '%s' must name a Service with clusterIP: None", where, serviceName)
                .contains("None");
    }

    @Test
    void shouldRunTheImwatchImageAsNonRoot() {
        String image = container.path("image").asText("");
        Set<String> kustImages =
                new LinkedHashSet<>(base.kustomization.path("images").findValuesAsText("name"));
        String imageName = image.replaceFirst("[:@].*$", "");
        assertThat(imageName.equals("imwatch") || kustImages.contains(imageName))
                .as("%s: image %s is neither imwatch nor set by kustomization.yaml images:", where, image)
                .isTrue();
        assertThat(podSpec.at("/securityContext/runAsNonRoot").asBoolean(false))
                .as("%s: set securityContext.runAsNonRoot: true (the image runs as uid 65532)", where)
                .isTrue();
    }

    @Test
    void shouldRunWithAConfigFileImwatchAccepts() throws IOException {
        String configPath = configPath();
        String name = Path.of(configPath).getFileName().toString();
        String text = mountedConfig(configPath)
                .orElseThrow(() -> new AssertionError(where + ": nothing mounts a ConfigMap with key " + name + " at "
                        + Path.of(configPath).getParent() + " for --config " + configPath
                        + " (neither kustomization.yaml's configMapGenerator nor a ConfigMap manifest)"));
        assertThat(KubernetesBase.configFileProblems(name, text))
                .as("%s/%s (--config of %s), as imwatch reads it", K8S, name, where)
                .isEmpty();
    }

    @Test
    void shouldConfigureAnExternalBrokerStandbysAndNoDemo() throws IOException {
        String configPath = configPath();
        Map<String, String> config = flat(configPath);
        String file = K8S + "/" + Path.of(configPath).getFileName();
        assertThat(config.getOrDefault("bootstrap.servers", ""))
                .as("%s: bootstrap.servers is empty: every pod would start its own embedded broker", file)
                .isNotBlank();
        int standby = DeployFiles.intOr(config.get("kafka.num.standby.replicas"), 0);
        assertThat(standby >= 1 && standby < replicas)
                .as(
                        "%s: kafka.num.standby.replicas=%s; want 1 (a warm copy of each task's state on another of the %s "
                                + "instances)",
                        file, config.get("kafka.num.standby.replicas"), replicas)
                .isTrue();
        assertThat(config.getOrDefault("demo.enabled", "auto"))
                .as("%s: demo.enabled=true would write demo events into the production input topic", file)
                .isNotEqualTo("true");
    }

    @Test
    void shouldSetOnlyImwatchKeysWithImwatchVariables() {
        assertThat(ImwatchKeys.environmentProblems(env().keySet()))
                .as("%s env", where)
                .isEmpty();
    }

    @Test
    void shouldJoinTheGroupStaticallyUnderThePodName() {
        String fieldPath = null;
        for (JsonNode e : container.path("env")) {
            if ("IMWATCH_INSTANCE_ID".equals(e.path("name").asText())) {
                fieldPath = e.at("/valueFrom/fieldRef/fieldPath").asText(null);
            }
        }
        assertThat(fieldPath)
                .as(
                        "%s: set env IMWATCH_INSTANCE_ID from fieldRef metadata.name (static membership under the pod name)",
                        where)
                .isEqualTo("metadata.name");
    }

    @Test
    void shouldExposeTheHttpPortAndProbeIt() throws IOException {
        Map<String, String> config = flat(configPath());
        int httpPort = DeployFiles.intOr(config.get("http.port"), 8080);
        httpPort = DeployFiles.intOr(env().get("IMWATCH_HTTP_PORT"), httpPort);
        Map<String, Integer> ports = new LinkedHashMap<>();
        container
                .path("ports")
                .forEach(p -> ports.put(
                        p.path("name").asText(), p.path("containerPort").asInt(-1)));
        assertThat(ports.values())
                .as("%s: a containerPort equal to http.port %s", where, httpPort)
                .contains(httpPort);
        probe("livenessProbe", "/health/live", ports, httpPort, true);
        probe("readinessProbe", "/health/ready", ports, httpPort, true);
        probe("startupProbe", "/health/live", ports, httpPort, false);
    }

    @Test
    void shouldRequestCpuAndMemoryAndLimitMemory() {
        JsonNode res = container.path("resources");
        assertThat(res.at("/requests/cpu").isMissingNode()
                        || res.at("/requests/memory").isMissingNode()
                        || res.at("/limits/memory").isMissingNode())
                .as(
                        "%s: set resources.requests.cpu, requests.memory and limits.memory (the JVM sizes its heap from "
                                + "the limit)",
                        where)
                .isFalse();
    }

    @Test
    void shouldKeepStateOnAClaimedVolume() throws IOException {
        Set<String> claims =
                new LinkedHashSet<>(sts.doc().at("/spec/volumeClaimTemplates").findValuesAsText("name"));
        Set<String> volumes = new LinkedHashSet<>();
        podSpec.path("volumes").forEach(v -> volumes.add(v.path("name").asText()));
        String stateVolume = null;
        for (JsonNode m : container.path("volumeMounts")) {
            String name = m.path("name").asText();
            assertThat(volumes.contains(name) || claims.contains(name))
                    .as("%s: volumeMount %s names no volume or volumeClaimTemplate", where, name)
                    .isTrue();
            if (STATE_MOUNT.equals(m.path("mountPath").asText())) {
                stateVolume = name;
            }
        }
        assertThat(stateVolume != null && claims.contains(stateVolume))
                .as("%s: mount a volumeClaimTemplates volume at %s (Kafka Streams state)", where, STATE_MOUNT)
                .isTrue();
        String stateDir = Optional.ofNullable(env().get("IMWATCH_STATE_DIR"))
                .orElse(flat(configPath()).get("state.dir"));
        if (stateDir != null) {
            assertThat(stateDir)
                    .as(
                            "%s: state.dir %s is not under %s: state would be lost on restart",
                            where, stateDir, STATE_MOUNT)
                    .startsWith(STATE_MOUNT);
        }
    }

    @Test
    void shouldTakeKafkaCredentialsFromASecretThatExistsOrIsOptional() {
        for (JsonNode e : container.path("envFrom")) {
            String secret = e.at("/secretRef/name").asText(null);
            if (secret == null) {
                continue;
            }
            Optional<Resource> s = base.find("Secret", secret);
            if (s.isEmpty()) {
                assertThat(e.at("/secretRef/optional").asBoolean(false))
                        .as("%s: envFrom Secret %s does not exist and is not optional", where, secret)
                        .isTrue();
                continue;
            }
            List<String> keys = new ArrayList<>();
            s.get().doc().path("stringData").fieldNames().forEachRemaining(keys::add);
            s.get().doc().path("data").fieldNames().forEachRemaining(keys::add);
            assertThat(ImwatchKeys.environmentProblems(keys))
                    .as(s.get().where())
                    .isEmpty();
            assertThat(keys)
                    .as("%s has no IMWATCH_KAFKA_SASL_* keys", s.get().where())
                    .anyMatch(k -> k.startsWith("IMWATCH_KAFKA_SASL"));
        }
    }

    private void probe(String probe, String path, Map<String, Integer> ports, int httpPort, boolean required) {
        JsonNode p = container.path(probe);
        if (p.isMissingNode()) {
            assertThat(required)
                    .as("%s has no %s (httpGet %s)", where, probe, path)
                    .isFalse();
            return;
        }
        String actual = p.at("/httpGet/path").asText(null);
        String port = p.at("/httpGet/port").asText(null);
        int resolved = ports.containsKey(port) ? ports.get(port) : DeployFiles.intOr(port, -1);
        assertThat(path.equals(actual) && resolved == httpPort)
                .as(
                        "%s: %s must be httpGet %s on the http port %s (got %s on %s)",
                        where, probe, path, httpPort, actual, port)
                .isTrue();
    }

    private static JsonNode container(JsonNode podSpec, String where) {
        for (JsonNode c : podSpec.path("containers")) {
            if ("imwatch".equals(c.path("name").asText())) {
                return c;
            }
        }
        throw new AssertionError(where + " has no container named imwatch");
    }

    private Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        container
                .path("env")
                .forEach(e -> env.put(e.path("name").asText(), e.path("value").asText(null)));
        return env;
    }

    private String configPath() {
        List<String> args = DeployFiles.strings(container.path("args"));
        assertThat(args).as("%s: args must start with 'run'", where).first().isEqualTo("run");
        int at = args.indexOf("--config");
        assertThat(at >= 0 && at + 1 < args.size())
                .as("%s: args %s have no --config FILE", where, args)
                .isTrue();
        return args.get(at + 1);
    }

    /** The text of the ConfigMap key mounted where --config points. */
    private Optional<String> mountedConfig(String configPath) {
        Path path = Path.of(configPath);
        String dir = path.getParent().toString();
        String volume = null;
        for (JsonNode m : container.path("volumeMounts")) {
            if (dir.equals(m.path("mountPath").asText())) {
                volume = m.path("name").asText();
            }
        }
        for (JsonNode v : podSpec.path("volumes")) {
            if (v.path("name").asText().equals(volume)
                    && v.at("/configMap/name").isTextual()) {
                return base.configMapEntry(
                        v.at("/configMap/name").asText(), path.getFileName().toString());
            }
        }
        return Optional.empty();
    }

    /** The config file flattened as imwatch flattens it. */
    private Map<String, String> flat(String configPath) throws IOException {
        String name = Path.of(configPath).getFileName().toString();
        return KubernetesBase.readAsFile(name, mountedConfig(configPath).orElse(""), ConfigSources::fromFile);
    }
}
