package io.imwatch.deploycheck;

import static io.imwatch.deploycheck.DeployFiles.COMPOSE;
import static io.imwatch.deploycheck.DeployFiles.RULES;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The compose stack's Prometheus: loads the rules, scrapes imwatch, alerts Alertmanager, runs the tested version. */
class PrometheusConfigTest {

    private static final String RULES_DIR = Path.of(RULES).getParent().toString();
    private static final Pattern PROMTOOL_MAJOR = Pattern.compile("(?m)^promtool, version (\\d+)\\.");
    private static final Pattern IMAGE_MAJOR = Pattern.compile("^prom/prometheus:v?(\\d+)\\.[0-9.]*");

    private final ComposeFile compose = new ComposeFile();
    private final JsonNode service = compose.service("prometheus");
    private final String file = ComposeFile.configFile(service, "prometheus");
    private final JsonNode config = DeployFiles.yaml(file);

    @Test
    void shouldLoadTheMountedRulesFile() {
        Optional<String> target = ComposeFile.mountTarget(service, RULES_DIR);
        assertThat(target)
                .as("%s prometheus: mount %s (the rules) into the container", COMPOSE, RULES_DIR)
                .isPresent();
        Path inContainer = Path.of(target.get(), Path.of(RULES).getFileName().toString());
        List<String> ruleFiles = DeployFiles.strings(config.path("rule_files"));
        assertThat(ruleFiles)
                .as("%s: rule_files must match %s (the mounted %s)", file, inContainer, RULES)
                .anyMatch(glob ->
                        FileSystems.getDefault().getPathMatcher("glob:" + glob).matches(inContainer));
    }

    @Test
    void shouldScrapeImwatchAsJobImwatch() {
        int httpPort = DeployFiles.intOr(
                ComposeFile.environment(compose.service("imwatch")).get("IMWATCH_HTTP_PORT"),
                ComposeFileTest.DEFAULT_HTTP_PORT);
        JsonNode job = null;
        for (JsonNode j : config.path("scrape_configs")) {
            if ("imwatch".equals(j.path("job_name").asText())) {
                job = j;
            }
        }
        assertThat(job)
                .as("%s needs a scrape job named 'imwatch' (the rules select job=\"imwatch\")", file)
                .isNotNull();
        assertThat(job.path("metrics_path").asText("/metrics"))
                .as("%s job imwatch metrics_path", file)
                .isEqualTo("/metrics");
        List<String> targets = new ArrayList<>();
        job.path("static_configs").forEach(sc -> targets.addAll(DeployFiles.strings(sc.path("targets"))));
        assertThat(targets)
                .as("%s job imwatch targets (service:http.port)", file)
                .contains("imwatch:" + httpPort);
    }

    @Test
    void shouldSendAlertsToTheAlertmanagerService() {
        List<String> targets = new ArrayList<>();
        config.at("/alerting/alertmanagers")
                .forEach(a -> a.path("static_configs")
                        .forEach(sc -> targets.addAll(DeployFiles.strings(sc.path("targets")))));
        assertThat(targets)
                .as("%s: alerting.alertmanagers must target the alertmanager service (alertmanager:9093)", file)
                .isNotEmpty()
                .allMatch(t -> compose.serviceNames().contains(DeployFiles.hostOf(t)));
    }

    @Test
    void shouldPassPromtoolCheckConfig() throws Exception {
        PromtoolRulesTest.assumePromtool();
        ToolRun run = ToolRun.run(
                "promtool",
                "check",
                "config",
                "--syntax-only",
                DeployFiles.path(file).toString());
        assertThat(run.exitCode())
                .as("promtool check config %s: %s", file, run.output())
                .isZero();
    }

    /**
     * The compose stack must run the Prometheus major version the rules are tested with: 3.x ranges
     * are left-open (a [40m] window holds 40 one-minute samples, not 41), which moves the windows.
     */
    @Test
    void shouldRunThePrometheusMajorVersionTheRulesAreTestedWith() throws Exception {
        PromtoolRulesTest.assumePromtool();
        ToolRun version = ToolRun.run("promtool", "--version");
        Matcher tested = PROMTOOL_MAJOR.matcher(version.output());
        assertThat(tested.find())
                .as("promtool --version says: %s", version.output())
                .isTrue();
        String image = service.path("image").asText();
        Matcher running = IMAGE_MAJOR.matcher(image);
        assertThat(running.find())
                .as("%s prometheus: image %s; pin a prom/prometheus:vX.Y.Z tag", COMPOSE, image)
                .isTrue();
        assertThat(running.group(1))
                .as(
                        "%s prometheus runs %s but the rules are tested with promtool %s.x: pin a %s.x image or test "
                                + "the rules on %s.x",
                        COMPOSE, image, tested.group(1), tested.group(1), running.group(1))
                .isEqualTo(tested.group(1));
    }
}
