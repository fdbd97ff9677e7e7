package io.imwatch.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.imwatch.app.alerts.AlertEvent;
import io.imwatch.app.alerts.AlertJson;
import io.imwatch.app.config.ConfigSources;
import io.imwatch.app.run.ImwatchApp;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded demo as README runs it (real in-process broker, demo traffic), on short windows:
 * its scheduled session-close spike fires an alert on the alerts topic, shows in /metrics, reaches
 * a real Alertmanager, and resolves afterwards.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class DemoSpikeAlertIT {

    private static final String FIRING_GAUGE =
            "imwatch_alerts_firing{reason=\"HEARTBEAT_TIMEOUT\",rule=\"SessionCloseSpike\",vendor=\"turms\"}";

    @TempDir
    Path dir;

    @Test
    void shouldFireAndResolveAnAlertForTheDemosSessionCloseSpike() throws Exception {
        Optional<AlertmanagerProcess> alertmanager = AlertmanagerProcess.startIfInstalled(dir);
        Map<String, String> settings = new HashMap<>(Map.of(
                "http.port", "0",
                "counts.window", "5s",
                "counts.grace", "1s",
                "alerts.evaluation.interval", "1s",
                "demo.rate", "200",
                "demo.spike.every", "45s",
                "demo.spike.length", "15s",
                "demo.spike.rate", "60",
                "summary.interval", "0s"));
        alertmanager.ifPresent(am -> settings.put("alertmanager.url", am.url()));
        try (ImwatchApp app = ImwatchApp.start(
                new ConfigSources().add("test", settings), false, new PrintStream(PrintStream.nullOutputStream()))) {
            assertThat(app.awaitRunning(Duration.ofSeconds(60))).isTrue();
            String alertsTopic = app.settings().topics().alerts();

            await().atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> heartbeatSpikeAlerts(app, alertsTopic).stream().anyMatch(AlertEvent::isFiring));
            AlertEvent firing = heartbeatSpikeAlerts(app, alertsTopic).get(0);
            assertThat(firing.status()).isEqualTo(AlertEvent.FIRING);
            assertThat(firing.labels()).containsEntry("severity", "critical").containsEntry("source", "imwatch");
            assertThat(Long.parseLong(firing.annotations().get("count"))).isGreaterThanOrEqualTo(18);
            await().atMost(Duration.ofSeconds(20)).until(() -> scrape(app).contains(FIRING_GAUGE + " 1.0"));
            alertmanager.ifPresent(am -> await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> hasAlert(am.alerts(), "SessionCloseSpike", "HEARTBEAT_TIMEOUT")));

            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> heartbeatSpikeAlerts(app, alertsTopic).size() >= 2);
            List<AlertEvent> transitions = heartbeatSpikeAlerts(app, alertsTopic);
            assertThat(transitions).extracting(AlertEvent::status).startsWith(AlertEvent.FIRING, AlertEvent.RESOLVED);
            assertThat(transitions.get(1).endsAt())
                    .isGreaterThan(transitions.get(1).startsAt());
            await().atMost(Duration.ofSeconds(20)).until(() -> scrape(app).contains(FIRING_GAUGE + " 0.0"));
        } finally {
            alertmanager.ifPresent(AlertmanagerProcess::close);
        }
    }

    private static List<AlertEvent> heartbeatSpikeAlerts(ImwatchApp app, String topic) {
        return KafkaTestSupport.readCommitted(app.bootstrapServers(), topic).stream()
                .map(r -> AlertJson.read(r.value()))
                .filter(a -> "SessionCloseSpike".equals(a.labels().get("alertname"))
                        && "HEARTBEAT_TIMEOUT".equals(a.labels().get("reason")))
                .toList();
    }

    private static boolean hasAlert(JsonNode alerts, String name, String reason) {
        for (JsonNode alert : alerts) {
            if (name.equals(alert.path("labels").path("alertname").asText())
                    && reason.equals(alert.path("labels").path("reason").asText())) {
                return true;
            }
        }
        return false;
    }

    private static String scrape(ImwatchApp app) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + app.httpPort() + "/metrics"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }
}
