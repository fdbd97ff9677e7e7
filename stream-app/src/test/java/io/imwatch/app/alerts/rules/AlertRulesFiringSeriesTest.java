package io.imwatch.app.alerts.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.imwatch.catalog.Catalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertRulesFiringSeriesTest {

    private static final Catalog CATALOG = Catalog.builder().addBuiltins().build();

    @Test
    void shouldEnumerateTheSeriesOfRulesThatNameVendorsAndSpaces(@TempDir Path dir) throws Exception {
        // a rule with vendor and space lists is matched against codes whose vendor or space is not
        // decided too: those must simply not match (a deploy example's rules once stopped run here)
        Path file = Files.writeString(dir.resolve("rules.yaml"), """
                rules:
                  - name: OpenimServerSpike
                    match: {vendor: [openim], space: [server], class: [SERVER]}
                    groupBy: [vendor]
                    severity: critical
                  - name: TurmsUnknownSpike
                    match: {vendor: [turms], known: false}
                    groupBy: [vendor]
                    severity: warning
                """);
        AlertRules rules = AlertRules.load(file, Duration.ofMinutes(1));

        List<Map<String, String>> series = rules.firingSeries(CATALOG);

        assertThat(series)
                .containsExactlyInAnyOrder(
                        Map.of("alertname", "OpenimServerSpike", "vendor", "openim"),
                        Map.of("alertname", "TurmsUnknownSpike", "vendor", "turms"));
    }
}
