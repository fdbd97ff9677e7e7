package io.imwatch.deploycheck;

import static io.imwatch.deploycheck.DeployFiles.COMPOSE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.imwatch.deploycheck.ComposeFile.Mount;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The compose stack: every service wired to the others, and the imwatch service set up as the app needs. */
class ComposeFileTest {

    static final String STATE_MOUNT = "/var/lib/imwatch";
    static final int DEFAULT_HTTP_PORT = 8080;

    private final ComposeFile compose = new ComposeFile();

    static List<String> services() {
        return new ComposeFile().serviceNames();
    }

    @Test
    void shouldDefineTheWholeStack() {
        assertThat(compose.serviceNames())
                .as("%s services: the stack needs kafka, imwatch, prometheus, alertmanager and grafana", COMPOSE)
                .contains("kafka", "imwatch", "prometheus", "alertmanager", "grafana");
    }

    @ParameterizedTest
    @MethodSource("services")
    void shouldGiveEveryServiceAnImageAndExistingDependencies(String name) {
        JsonNode service = compose.service(name);
        assertThat(service.has("image") || service.has("build"))
                .as("%s service %s has neither image nor build", COMPOSE, name)
                .isTrue();
        assertThat(compose.serviceNames())
                .as("%s service %s: depends_on names services that exist", COMPOSE, name)
                .containsAll(ComposeFile.dependsOn(service));
    }

    @ParameterizedTest
    @MethodSource("services")
    void shouldMountOnlyDeclaredVolumesAndExistingFiles(String name) {
        for (Mount mount : ComposeFile.mounts(compose.service(name))) {
            if (mount.named()) {
                assertThat(compose.declaredVolumes())
                        .as(
                                "%s service %s uses volume '%s': declare it under the top-level volumes:",
                                COMPOSE, name, mount.source())
                        .contains(mount.source());
            } else {
                String rel = ComposeFile.repoPath(mount.source());
                assertThat(Files.exists(DeployFiles.path(rel)))
                        .as("%s service %s: mount source %s does not exist", COMPOSE, name, rel)
                        .isTrue();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("services")
    void shouldSetOnlyImwatchKeysWithImwatchVariables(String name) {
        assertThat(ImwatchKeys.environmentProblems(
                        ComposeFile.environment(compose.service(name)).keySet()))
                .as("%s service %s environment", COMPOSE, name)
                .isEmpty();
    }

    @Test
    void shouldRunASingleNodeKraftBrokerOfTheProjectsKafkaVersion() {
        JsonNode kafka = compose.service("kafka");
        Map<String, String> env = ComposeFile.environment(kafka);
        String image = kafka.path("image").asText();
        assertThat(image)
                .as("%s kafka: use the official apache/kafka image", COMPOSE)
                .startsWith("apache/kafka:");
        Matcher version = Pattern.compile("<kafka\\.version>([^<]+)</").matcher(DeployFiles.read("pom.xml"));
        assertThat(version.find()).as("pom.xml has <kafka.version>").isTrue();
        assertThat(image)
                .as("%s kafka: keep the image in step with <kafka.version> in pom.xml", COMPOSE)
                .isEqualTo("apache/kafka:" + version.group(1).strip());
        assertThat(env.getOrDefault("KAFKA_PROCESS_ROLES", ""))
                .as("%s kafka: KAFKA_PROCESS_ROLES=broker,controller for a single-node KRaft broker", COMPOSE)
                .contains("broker", "controller");
        assertThat(env).as("%s kafka: a fixed CLUSTER_ID", COMPOSE).containsKey("CLUSTER_ID");
        assertThat(kafka.has("healthcheck"))
                .as("%s kafka has no healthcheck; imwatch waits for it (condition: service_healthy)", COMPOSE)
                .isTrue();
    }

    @Test
    void shouldRunTheJibImageWithTopicsAndDemoTraffic() {
        JsonNode imwatch = compose.service("imwatch");
        assertThat(imwatch.path("image").asText())
                .as("%s imwatch: the Jib tarball is tagged imwatch:latest", COMPOSE)
                .isEqualTo("imwatch:latest");
        List<String> command = ComposeFile.command(imwatch);
        assertThat(command)
                .as("%s imwatch: command must start with 'run' (it replaces the image's CMD)", COMPOSE)
                .first()
                .isEqualTo("run");
        assertThat(command.contains("--create-topics")
                        || compose.serviceNames().stream().anyMatch(s -> s.contains("init")))
                .as("%s imwatch: nothing creates the topics; add --create-topics or a topic-init service", COMPOSE)
                .isTrue();
        assertThat(ComposeFile.environment(imwatch).get("IMWATCH_DEMO_ENABLED"))
                .as("%s imwatch: set IMWATCH_DEMO_ENABLED=\"true\" so the stack has traffic", COMPOSE)
                .isEqualTo("true");
    }

    @Test
    void shouldReachTheBrokerAtAnAdvertisedListener() {
        String bootstrap =
                ComposeFile.environment(compose.service("imwatch")).getOrDefault("IMWATCH_BOOTSTRAP_SERVERS", "");
        String advertised =
                ComposeFile.environment(compose.service("kafka")).getOrDefault("KAFKA_ADVERTISED_LISTENERS", "");
        String first = bootstrap.split(",")[0];
        assertThat(!bootstrap.isBlank()
                        && compose.serviceNames().contains(DeployFiles.hostOf(first))
                        && advertised.contains("//" + first))
                .as(
                        "%s imwatch: IMWATCH_BOOTSTRAP_SERVERS='%s' must be host:port of a KAFKA_ADVERTISED_LISTENERS "
                                + "entry (%s); empty would start an embedded broker instead",
                        COMPOSE, bootstrap, advertised)
                .isTrue();
        assertThat(compose.service("imwatch").at("/depends_on/kafka/condition").asText())
                .as(
                        "%s imwatch: depends_on: kafka: condition: service_healthy, or it starts before the broker",
                        COMPOSE)
                .isEqualTo("service_healthy");
    }

    @Test
    void shouldPublishTheHttpPortAndKeepStateOnAVolume() {
        JsonNode imwatch = compose.service("imwatch");
        Map<String, String> env = ComposeFile.environment(imwatch);
        int httpPort = DeployFiles.intOr(env.get("IMWATCH_HTTP_PORT"), DEFAULT_HTTP_PORT);
        assertThat(ComposeFile.containerPorts(imwatch))
                .as("%s imwatch: ports: must publish the container's http.port", COMPOSE)
                .contains(httpPort);
        assertThat(ComposeFile.mounts(imwatch))
                .as("%s imwatch: mount a volume at %s (Kafka Streams state)", COMPOSE, STATE_MOUNT)
                .anyMatch(m -> STATE_MOUNT.equals(m.target()));
        String stateDir = env.get("IMWATCH_STATE_DIR");
        if (stateDir != null) {
            assertThat(stateDir.equals(STATE_MOUNT) || stateDir.startsWith(STATE_MOUNT + "/"))
                    .as("%s imwatch: IMWATCH_STATE_DIR=%s is not under %s", COMPOSE, stateDir, STATE_MOUNT)
                    .isTrue();
        }
    }

    @Test
    void shouldSendAlertsToTheAlertmanagerService() {
        String url = ComposeFile.environment(compose.service("imwatch")).getOrDefault("IMWATCH_ALERTMANAGER_URL", "");
        if (!url.isBlank()) {
            assertThat(compose.serviceNames().contains(DeployFiles.hostOf(url)) && DeployFiles.portOf(url, 80) == 9093)
                    .as("%s imwatch: IMWATCH_ALERTMANAGER_URL=%s should be http://alertmanager:9093", COMPOSE, url)
                    .isTrue();
        }
    }

    /** Never required (CI has no Docker): only where docker compose v2 happens to be installed. */
    @Test
    void shouldPassDockerComposeConfig() throws Exception {
        ToolRun version = ToolRun.tryRun("docker", "compose", "version");
        org.junit.jupiter.api.Assumptions.assumeTrue(
                version != null && version.exitCode() == 0, "docker compose (v2) is not installed: skipping");
        ToolRun config =
                ToolRun.run("docker", "compose", "-f", DeployFiles.path(COMPOSE).toString(), "config", "-q");
        assertThat(config.exitCode())
                .as("docker compose config: %s", config.output())
                .isZero();
    }
}
