package io.imwatch.deploycheck;

import static io.imwatch.deploycheck.DeployFiles.DEPLOY_README;
import static io.imwatch.deploycheck.DeployFiles.RULES;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every alert of the Prometheus rules links a runbook section of deploy/README.md that exists. */
class RunbookLinksTest {

    private static final String PREFIX = DEPLOY_README + "#";

    static List<String> alerts() {
        return List.copyOf(AlertKinds.prometheusAlerts().keySet());
    }

    @ParameterizedTest
    @MethodSource("alerts")
    void shouldLinkARunbookSectionThatExists(String alert) {
        String url = AlertKinds.prometheusAlerts()
                .get(alert)
                .at("/annotations/runbook_url")
                .asText(null);
        assertThat(url)
                .as(
                        "%s alert %s needs annotations.runbook_url: '%s%s' and that section in %s (what it means, what "
                                + "to check, what to do)",
                        RULES, alert, PREFIX, alert.toLowerCase(Locale.ROOT), DEPLOY_README)
                .isNotNull()
                .startsWith(PREFIX);
        String anchor = url.substring(PREFIX.length());
        assertThat(anchors())
                .as(
                        "%s alert %s: runbook_url points at #%s, which is no heading of %s; add a '### %s' runbook "
                                + "section",
                        RULES, alert, anchor, DEPLOY_README, alert)
                .contains(anchor);
    }

    /** The anchors GitHub gives the headings of the README (lower case, punctuation dropped, spaces to -). */
    static Set<String> anchors() {
        Set<String> anchors = new LinkedHashSet<>();
        boolean fenced = false;
        for (String line : DeployFiles.read(DEPLOY_README).split("\n", -1)) {
            if (line.startsWith("```")) {
                fenced = !fenced;
            } else if (!fenced && line.startsWith("#")) {
                String title = line.replaceFirst("^#+\\s*", "").strip().toLowerCase(Locale.ROOT);
                anchors.add(title.replaceAll("[^\\p{L}\\p{N}_ -]", "").replace(' ', '-'));
            }
        }
        return anchors;
    }
}
