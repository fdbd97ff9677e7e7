package io.imwatch.deploycheck.grafana;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imwatch.app.it.AlertmanagerProcess;
import io.imwatch.app.it.ExternalTools;
import io.imwatch.app.it.LocalServers;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compose stack's {@code deploy/compose/alertmanager.yml} in a real Alertmanager: alerts
 * labelled as the Prometheus rules and imwatch's in-stream detector label them are posted, and
 * each inhibit rule must mute its consequence, and only that. (deploy-check's AlertmanagerConfigTest
 * checks statically that the rules can match; this checks that Alertmanager agrees.)
 */
class AlertmanagerInhibitIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void shouldMuteOnlyTheConsequencesTheComposeInhibitRulesName(@TempDir Path dir) throws Exception {
        ExternalTools.assumePresent(
                AlertmanagerProcess.installed(), "Alertmanager", "apt-get install -y prometheus-alertmanager");
        Path config = GrafanaFiles.root().getParent().resolve("deploy/compose/alertmanager.yml");
        try (AlertmanagerProcess alertmanager = AlertmanagerProcess.start(config, dir)) {
            URI base = URI.create(alertmanager.url());
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> LocalServers.answersOk(base.resolve("/-/ready"), Duration.ofSeconds(2)));

            // name -> labels, and whether Alertmanager must report it inhibited
            Map<String, Map<String, String>> alerts = new LinkedHashMap<>();
            Map<String, Boolean> inhibited = new TreeMap<>();
            String stack = "imwatch-compose"; // prometheus.yml's external label
            alerts.put(
                    "in-stream spike",
                    Map.of(
                            "alertname",
                            "SessionCloseSpike",
                            "severity",
                            "critical",
                            "source",
                            "imwatch",
                            "vendor",
                            "turms",
                            "reason",
                            "HEARTBEAT_TIMEOUT"));
            inhibited.put("in-stream spike", false);
            alerts.put(
                    "its Prometheus copy",
                    Map.of(
                            "alertname",
                            "SessionCloseSpike",
                            "severity",
                            "critical",
                            "source",
                            "prometheus",
                            "vendor",
                            "turms",
                            "reason",
                            "HEARTBEAT_TIMEOUT",
                            "stack",
                            stack));
            inhibited.put("its Prometheus copy", true);
            alerts.put(
                    "Prometheus spike of another reason",
                    Map.of(
                            "alertname",
                            "SessionCloseSpike",
                            "severity",
                            "critical",
                            "source",
                            "prometheus",
                            "vendor",
                            "turms",
                            "reason",
                            "AUTH_EXPIRED",
                            "stack",
                            stack));
            inhibited.put("Prometheus spike of another reason", false);
            alerts.put(
                    "stuck instance",
                    Map.of(
                            "alertname",
                            "ImwatchStreamNotRunning",
                            "severity",
                            "critical",
                            "source",
                            "prometheus",
                            "job",
                            "imwatch",
                            "instance",
                            "imwatch-1:8080",
                            "stack",
                            stack));
            inhibited.put("stuck instance", false);
            alerts.put(
                    "its growing lag",
                    Map.of(
                            "alertname",
                            "ImwatchConsumerLagGrowing",
                            "severity",
                            "warning",
                            "source",
                            "prometheus",
                            "job",
                            "imwatch",
                            "instance",
                            "imwatch-1:8080",
                            "stack",
                            stack));
            inhibited.put("its growing lag", true);
            alerts.put(
                    "another instance's growing lag",
                    Map.of(
                            "alertname",
                            "ImwatchConsumerLagGrowing",
                            "severity",
                            "warning",
                            "source",
                            "prometheus",
                            "job",
                            "imwatch",
                            "instance",
                            "imwatch-2:8080",
                            "stack",
                            stack));
            inhibited.put("another instance's growing lag", false);

            post(base, alerts);

            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> assertThat(inhibitedNow(base, alerts)).isEqualTo(inhibited));
        }
    }

    private static void post(URI base, Map<String, Map<String, String>> alerts) throws Exception {
        ArrayNode body = JSON.createArrayNode();
        Instant now = Instant.now();
        for (Map<String, String> labels : alerts.values()) {
            ObjectNode alert = body.addObject();
            ObjectNode l = alert.putObject("labels");
            labels.forEach(l::put);
            alert.put("startsAt", now.toString());
            alert.put("endsAt", now.plus(Duration.ofHours(1)).toString());
        }
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(base.resolve("/api/v2/alerts"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    /** For every posted alert Alertmanager knows: whether it is inhibited now. */
    private static Map<String, Boolean> inhibitedNow(URI base, Map<String, Map<String, String>> alerts)
            throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(base.resolve("/api/v2/alerts"))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        Map<String, Boolean> out = new TreeMap<>();
        for (JsonNode alert : JSON.readTree(response.body())) {
            Map<String, String> labels = new TreeMap<>();
            alert.path("labels")
                    .properties()
                    .forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
            alerts.forEach((name, posted) -> {
                if (new TreeMap<>(posted).equals(labels)) {
                    out.put(name, !alert.path("status").path("inhibitedBy").isEmpty());
                }
            });
        }
        return out;
    }
}
