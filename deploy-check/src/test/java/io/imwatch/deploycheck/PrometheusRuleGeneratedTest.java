package io.imwatch.deploycheck;

import static io.imwatch.deploycheck.DeployFiles.RULES;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * deploy/kubernetes/prometheusrule.yaml is deploy/prometheus/rules/imwatch.rules.yml as a Prometheus
 * Operator PrometheusRule, made by generate-prometheusrule.sh, and the rules file is well formed.
 */
class PrometheusRuleGeneratedTest {

    private static final String PROMETHEUS_RULE = "deploy/kubernetes/prometheusrule.yaml";
    private static final String REGENERATE = "run: bash deploy/kubernetes/generate-prometheusrule.sh";

    @Test
    void shouldHoldOnlyGroupsOfRulesWithAnExprAndOneOfAlertOrRecord() {
        JsonNode rules = DeployFiles.yaml(RULES);
        List<String> top = new ArrayList<>();
        rules.fieldNames().forEachRemaining(top::add);
        assertThat(top)
                .as("%s: a Prometheus rules file has only 'groups:' at the top", RULES)
                .containsExactly("groups");
        Set<String> names = new HashSet<>();
        List<String> problems = new ArrayList<>();
        for (JsonNode g : rules.path("groups")) {
            String name = g.path("name").asText(null);
            if (name == null || !names.add(name)) {
                problems.add("every group needs a unique name, got '" + name + "'");
            }
            for (JsonNode r : g.path("rules")) {
                if (r.hasNonNull("alert") == r.hasNonNull("record") || !r.hasNonNull("expr")) {
                    problems.add("group " + name + ": each rule needs expr and exactly one of alert or record: " + r);
                }
            }
        }
        assertThat(problems).as(RULES).isEmpty();
    }

    @Test
    void shouldCarryTheRulesFileAsItsSpec() {
        JsonNode pr = DeployFiles.yamlDocuments(PROMETHEUS_RULE).stream()
                .filter(d -> "PrometheusRule".equals(d.path("kind").asText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError(PROMETHEUS_RULE + " holds no PrometheusRule"));
        assertThat(pr.path("spec"))
                .as("%s spec differs from %s; %s", PROMETHEUS_RULE, RULES, REGENERATE)
                .isEqualTo(DeployFiles.yaml(RULES));
        assertThat(DeployFiles.read(PROMETHEUS_RULE))
                .as("%s was not generated from %s; %s", PROMETHEUS_RULE, RULES, REGENERATE)
                .contains("GENERATED from " + RULES + " ");
    }

    /** Byte for byte: what the generator makes from the rules file today. */
    @Test
    void shouldBeWhatTheGeneratorMakes() throws Exception {
        ToolRun run = ToolRun.run("bash", "deploy/kubernetes/generate-prometheusrule.sh", "--check");
        assertThat(run.exitCode())
                .as("%s is stale; %s%n%s", PROMETHEUS_RULE, REGENERATE, run.output())
                .isZero();
    }
}
