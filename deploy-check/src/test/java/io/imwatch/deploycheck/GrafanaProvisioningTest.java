package io.imwatch.deploycheck;

import static io.imwatch.deploycheck.DeployFiles.COMPOSE;
import static io.imwatch.deploycheck.DeployFiles.GRAFANA_DASHBOARDS;
import static io.imwatch.deploycheck.DeployFiles.GRAFANA_PROVISIONING;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.imwatch.deploycheck.ComposeFile.Mount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The compose stack's Grafana: provisioned with the data source and the dashboards, and no second set of alerts. */
class GrafanaProvisioningTest {

    private static final String TARGET = "/etc/grafana/provisioning";

    private final ComposeFile compose = new ComposeFile();
    private final JsonNode grafana = compose.service("grafana");

    static List<String> dashboardProviders() {
        return DeployFiles.yamlFiles(GRAFANA_PROVISIONING + "/dashboards");
    }

    static List<String> datasourceFiles() {
        return DeployFiles.yamlFiles(GRAFANA_PROVISIONING + "/datasources");
    }

    @Test
    void shouldProvisionTheDatasourceAndTheDashboardProvider() throws IOException {
        Map<String, String> provisioned = mountedFiles(grafana);
        for (String kind : List.of("datasources", "dashboards")) {
            String dir = TARGET + "/" + kind + "/";
            assertThat(provisioned.keySet())
                    .as(
                            "%s grafana: nothing is mounted into %s; mount %s/%s there",
                            COMPOSE, dir, GRAFANA_PROVISIONING, kind)
                    .anyMatch(p -> p.startsWith(dir));
        }
    }

    /** Grafana-managed alert rules beside the Prometheus rules would notify every spike twice. */
    @Test
    void shouldNotProvisionGrafanaAlertRulesWhilePrometheusLoadsTheRules() throws IOException {
        boolean rulesMounted = ComposeFile.mountTarget(compose.service("prometheus"), "deploy/prometheus/rules")
                .isPresent();
        List<String> alerting = mountedFiles(grafana).entrySet().stream()
                .filter(e -> e.getKey().startsWith(TARGET + "/alerting/"))
                .map(Map.Entry::getValue)
                .toList();
        assertThat(rulesMounted ? alerting : List.<String>of())
                .as(
                        "%s grafana mounts Grafana-managed alert rules while Prometheus loads deploy/prometheus/rules: "
                                + "every spike would be notified twice; mount only %s/datasources and /dashboards "
                                + "(grafana/README.md, \"Grafana-managed alert rule\")",
                        COMPOSE, GRAFANA_PROVISIONING)
                .isEmpty();
    }

    @ParameterizedTest
    @MethodSource("dashboardProviders")
    void shouldReadTheDashboardsWhereComposeMountsThem(String file) {
        String dashboards = ComposeFile.mountTarget(grafana, GRAFANA_DASHBOARDS)
                .orElseThrow(() -> new AssertionError(COMPOSE + " grafana: mount " + GRAFANA_DASHBOARDS));
        for (JsonNode p : DeployFiles.yaml(file).path("providers")) {
            String path = p.at("/options/path").asText("");
            assertThat(path.equals(dashboards) || path.startsWith(dashboards + "/"))
                    .as(
                            "%s: provider '%s' reads options.path=%s but compose mounts %s at %s; make them agree",
                            file, p.path("name").asText(), path, GRAFANA_DASHBOARDS, dashboards)
                    .isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("datasourceFiles")
    void shouldReachThePrometheusService(String file) {
        for (JsonNode ds : DeployFiles.yaml(file).path("datasources")) {
            if ("prometheus".equals(ds.path("type").asText())) {
                String url = ds.path("url").asText("");
                assertThat(DeployFiles.hostOf(url).equals("prometheus") && DeployFiles.portOf(url, 80) == 9090)
                        .as(
                                "%s: datasource '%s' url=%s; in the compose stack Prometheus is http://prometheus:9090",
                                file, ds.path("name").asText(), url)
                        .isTrue();
            }
        }
    }

    @Test
    void shouldShipDashboards() throws IOException {
        try (Stream<Path> files = Files.list(DeployFiles.path(GRAFANA_DASHBOARDS))) {
            assertThat(files.filter(f -> f.toString().endsWith(".json")))
                    .as("*.json dashboards in %s", GRAFANA_DASHBOARDS)
                    .isNotEmpty();
        }
    }

    /** Every repository file a service's bind mounts put into the container: container path to repo path. */
    private static Map<String, String> mountedFiles(JsonNode service) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (Mount m : ComposeFile.mounts(service)) {
            if (m.named()) {
                continue;
            }
            Path source = DeployFiles.path(ComposeFile.repoPath(m.source()));
            if (Files.isRegularFile(source)) {
                out.put(m.target(), DeployFiles.rel(source));
            } else if (Files.isDirectory(source)) {
                try (Stream<Path> files = Files.walk(source)) {
                    files.filter(Files::isRegularFile)
                            .sorted()
                            .forEach(f -> out.put(
                                    m.target() + "/"
                                            + source.relativize(f).toString().replace('\\', '/'),
                                    DeployFiles.rel(f)));
                }
            }
        }
        return out;
    }
}
