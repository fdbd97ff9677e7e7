package io.imwatch.deploycheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Prometheus rules under deploy/prometheus: {@code promtool check rules} on every rules file and
 * {@code promtool test rules} on every unit-test file, with the real promtool. Skips without promtool
 * unless tools are required (CI).
 */
class PromtoolRulesTest {

    static final String INSTALL =
            "sudo apt-get install -y prometheus (provides /usr/bin/promtool), or https://prometheus.io/download/";

    static void assumePromtool() throws InterruptedException {
        ToolRun.assumeInstalled("promtool", INSTALL);
    }

    static List<String> ruleFiles() {
        return DeployFiles.yamlFiles("deploy/prometheus/rules");
    }

    static List<String> testFiles() {
        return DeployFiles.yamlFiles(DeployFiles.RULE_TESTS).stream()
                .filter(f -> f.endsWith(".test.yml") || f.endsWith(".test.yaml"))
                .toList();
    }

    @Test
    void shouldHaveRulesAndTests() {
        assertThat(ruleFiles()).as("rule files under deploy/prometheus/rules").isNotEmpty();
        assertThat(testFiles())
                .as("test files under %s", DeployFiles.RULE_TESTS)
                .isNotEmpty();
    }

    @ParameterizedTest
    @MethodSource("ruleFiles")
    void shouldPassPromtoolCheckRules(String file) throws Exception {
        assumePromtool();
        ToolRun run =
                ToolRun.run("promtool", "check", "rules", DeployFiles.path(file).toString());
        assertThat(run.exitCode())
                .as("promtool check rules %s:%n%s", file, run.output())
                .isZero();
    }

    /** Test files name their rule files relative to themselves (../rules/...); promtool resolves them so. */
    @ParameterizedTest
    @MethodSource("testFiles")
    void shouldPassPromtoolTestRules(String file) throws Exception {
        assumePromtool();
        ToolRun run =
                ToolRun.run("promtool", "test", "rules", DeployFiles.path(file).toString());
        assertThat(run.exitCode())
                .as("promtool test rules %s:%n%s", file, run.output())
                .isZero();
    }

    /** The inhibit-rule check learns an alert's varying labels from these tests (AlertmanagerConfigTest). */
    @Test
    void shouldShowTheLabelsOfEveryAlertInAPromtoolTest() {
        Map<String, Set<String>> tested = AlertKinds.testedLabels();
        List<String> untested = new ArrayList<>();
        AlertKinds.prometheusAlerts().keySet().forEach(name -> {
            if (tested.getOrDefault(name, Set.of()).isEmpty()) {
                untested.add(name);
            }
        });
        assertThat(untested)
                .as(
                        "alerts of %s that no promtool test in %s shows with exp_labels",
                        DeployFiles.RULES, DeployFiles.RULE_TESTS)
                .isEmpty();
    }
}
