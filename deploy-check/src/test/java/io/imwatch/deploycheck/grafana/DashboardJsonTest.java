package io.imwatch.deploycheck.grafana;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.imwatch.deploycheck.grafana.GrafanaFiles.Dashboard;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The dashboards and provisioning files, read as Grafana would read them, without Grafana or
 * Prometheus: structure, data source references and template variables. Whether the queries
 * return data is {@link DashboardQueriesIT}'s job.
 */
class DashboardJsonTest {

    private static final Map<String, String> EXPECTED_DASHBOARDS = Map.of(
            "imwatch-overview", "imwatch — Overview",
            "imwatch-session-closes", "imwatch — Session closes",
            "imwatch-catalogue-coverage", "imwatch — Catalogue coverage",
            "imwatch-stream-health", "imwatch — Stream health");

    private static final List<Dashboard> DASHBOARDS = GrafanaFiles.dashboards();

    private static final Pattern FIRING_GAUGE = Pattern.compile("(?<![\\w:])imwatch_alerts_firing(?![\\w:])");
    private static final Pattern MAX_BY_BEFORE = Pattern.compile("\\bmax\\s*by\\s*\\(([\\w\\s,]*)\\)\\s*\\(\\s*$");

    @Test
    void shouldProvideTheFourDashboardsWithStableUniqueUidsAndTitles() {
        Map<String, String> titlesByUid = new HashMap<>();
        List<String> uids = new ArrayList<>();
        for (Dashboard d : DASHBOARDS) {
            uids.add(d.uid());
            titlesByUid.put(d.uid(), d.title());
        }

        assertThat(uids).doesNotHaveDuplicates();
        assertThat(titlesByUid).isEqualTo(EXPECTED_DASHBOARDS);
    }

    @Test
    void shouldTagEveryDashboardImwatchAndKeepItReadOnly() {
        for (Dashboard d : DASHBOARDS) {
            List<String> tags = new ArrayList<>();
            d.json().path("tags").forEach(t -> tags.add(t.asText()));
            assertThat(tags).as(d.file() + " tags").contains("imwatch");
            assertThat(d.json().path("editable").asBoolean(true))
                    .as(d.file() + " editable")
                    .isFalse();
            assertThat(d.json().path("id").isNull())
                    .as(d.file() + " id must be null")
                    .isTrue();
        }
    }

    @Test
    void shouldOfferAPrometheusDatasourceVariable() {
        for (Dashboard d : DASHBOARDS) {
            assertThat(d.variables()).as(d.file() + " templating").anySatisfy(v -> {
                assertThat(v.path("name").asText()).isEqualTo("datasource");
                assertThat(v.path("type").asText()).isEqualTo("datasource");
                assertThat(v.path("query").asText()).isEqualTo("prometheus");
            });
        }
    }

    @Test
    void shouldPointEveryPanelAndTargetAtTheDatasourceVariable() {
        List<String> problems = new ArrayList<>();
        for (Dashboard d : DASHBOARDS) {
            for (JsonNode panel : d.panels()) {
                String where = d.file().getFileName() + " panel '"
                        + panel.path("title").asText() + "'";
                if ("row".equals(panel.path("type").asText())) {
                    assertThat(panel.path("targets")).as(where + " is a row").isEmpty();
                    continue;
                }
                if (!isDatasourceVariable(panel.path("datasource"))) {
                    problems.add(where + " datasource " + panel.path("datasource"));
                }
                if (panel.path("targets").isEmpty()) {
                    problems.add(where + " has no targets");
                }
                for (JsonNode target : panel.path("targets")) {
                    if (!isDatasourceVariable(target.path("datasource"))) {
                        problems.add(where + " target " + target.path("refId").asText() + " datasource "
                                + target.path("datasource"));
                    }
                }
            }
            for (JsonNode variable : d.variables()) {
                if ("query".equals(variable.path("type").asText())
                        && !isDatasourceVariable(variable.path("datasource"))) {
                    problems.add(d.file().getFileName() + " variable "
                            + variable.path("name").asText());
                }
            }
            for (JsonNode annotation : d.json().path("annotations").path("list")) {
                if (!isDatasourceVariable(annotation.path("datasource"))) {
                    problems.add(d.file().getFileName() + " annotation "
                            + annotation.path("name").asText());
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void shouldNotHardCodeAnyDatasourceUid() {
        List<String> problems = new ArrayList<>();
        for (Dashboard d : DASHBOARDS) {
            findDatasourceReferences(d.json(), d.file().getFileName().toString(), problems);
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void shouldGiveEveryTargetANonEmptyExpressionAndAUniqueRefId() {
        for (Dashboard d : DASHBOARDS) {
            for (JsonNode panel : d.panels()) {
                Set<String> refIds = new HashSet<>();
                for (JsonNode target : panel.path("targets")) {
                    String where = d.file().getFileName() + " panel '"
                            + panel.path("title").asText() + "' target "
                            + target.path("refId").asText();
                    assertThat(target.path("expr").asText().strip()).as(where).isNotEmpty();
                    assertThat(refIds.add(target.path("refId").asText()))
                            .as(where + " refId unique")
                            .isTrue();
                }
            }
        }
    }

    @Test
    void shouldDefineEveryVariableThatQueriesAndTitlesUse() {
        List<String> problems = new ArrayList<>();
        for (Dashboard d : DASHBOARDS) {
            Set<String> defined = d.variableNames();
            List<String> texts = new ArrayList<>();
            d.queries().forEach(q -> texts.add(q.expr()));
            for (JsonNode panel : d.panels()) {
                texts.add(panel.path("title").asText());
                panel.path("targets")
                        .forEach(t -> texts.add(t.path("legendFormat").asText()));
            }
            texts.add(d.title());
            d.labelValueQueries().forEach(q -> texts.add(q.match()));
            for (String text : texts) {
                for (String name : GrafanaFiles.variablesIn(text)) {
                    if (!defined.contains(name) && !GrafanaFiles.BUILT_IN_VARIABLES.contains(name)) {
                        problems.add(d.file().getFileName() + ": $" + name + " in " + text);
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void shouldMatchMultiValueVariablesWithRegexOnly() {
        // Grafana expands a multi-value or "All" selection to a regex such as (a|b) or .*
        Pattern use = Pattern.compile("(=~|!~|=|!=)\\s*\"\\$\\{?(\\w+)");
        List<String> problems = new ArrayList<>();
        for (Dashboard d : DASHBOARDS) {
            Set<String> multi = new HashSet<>();
            for (JsonNode v : d.variables()) {
                if (v.path("multi").asBoolean() || v.path("includeAll").asBoolean()) {
                    multi.add(v.path("name").asText());
                }
            }
            for (GrafanaFiles.Query q : d.queries()) {
                Matcher m = use.matcher(q.expr());
                while (m.find()) {
                    if (multi.contains(m.group(2))
                            && !m.group(1).startsWith("=~")
                            && !m.group(1).equals("!~")) {
                        problems.add(q.where() + ": " + m.group());
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    /**
     * Every replica's alert forwarder reads all alert partitions, so every replica exports the
     * same {@code imwatch_alerts_firing} series: a query that sums it (or leaves it raw) counts
     * each alert once per replica. Each use must first collapse the replicas with
     * {@code max by (rule, vendor, reason)}; dashboards, Grafana alert rules and the Prometheus
     * rules alike.
     */
    @Test
    void shouldCollapseReplicasOfTheFiringAlertsGaugeWithMaxBySeriesLabels() {
        Map<String, String> exprs = new LinkedHashMap<>();
        for (Dashboard d : DASHBOARDS) {
            d.queries().forEach(q -> exprs.put(q.where(), q.expr()));
        }
        for (JsonNode rule : GrafanaFiles.alertRules()) {
            rule.path("data")
                    .forEach(q -> exprs.put(
                            "Grafana rule " + rule.path("title").asText() + " / "
                                    + q.path("refId").asText(),
                            q.path("model").path("expr").asText()));
        }
        exprs.putAll(GrafanaFiles.prometheusRuleExpressions());

        List<String> problems = new ArrayList<>();
        int uses = 0;
        for (Map.Entry<String, String> e : exprs.entrySet()) {
            Matcher m = FIRING_GAUGE.matcher(e.getValue());
            while (m.find()) {
                uses++;
                Matcher max = MAX_BY_BEFORE.matcher(e.getValue().substring(0, m.start()));
                Set<String> by = new HashSet<>();
                if (max.find()) {
                    for (String label : max.group(1).split(",")) {
                        by.add(label.strip());
                    }
                }
                if (!by.equals(Set.of("rule", "vendor", "reason"))) {
                    problems.add(e.getKey() + ": " + e.getValue().strip());
                }
            }
        }
        assertThat(uses).as("queries over imwatch_alerts_firing").isPositive();
        assertThat(problems)
                .as("wrap imwatch_alerts_firing in max by (rule, vendor, reason) (...): every replica exports it")
                .isEmpty();
    }

    @Test
    void shouldGiveEveryPanelAUniqueIdAndAPlaceOnTheGrid() {
        for (Dashboard d : DASHBOARDS) {
            Set<Integer> ids = new HashSet<>();
            for (JsonNode panel : d.panels()) {
                String where = d.file().getFileName() + " panel '"
                        + panel.path("title").asText() + "'";
                assertThat(ids.add(panel.path("id").asInt(-1)))
                        .as(where + " id unique")
                        .isTrue();
                JsonNode grid = panel.path("gridPos");
                assertThat(grid.path("w").asInt(0)).as(where + " width").isBetween(1, 24);
                assertThat(grid.path("h").asInt(0)).as(where + " height").isPositive();
                assertThat(grid.path("x").asInt(-1) + grid.path("w").asInt(0))
                        .as(where + " fits the grid")
                        .isLessThanOrEqualTo(24);
            }
        }
    }

    @Test
    void shouldProvisionThePrometheusDatasourceWithAFixedUid() {
        JsonNode file = GrafanaFiles.provisioning("datasources/prometheus.yml");

        assertThat(file.path("apiVersion").asInt()).isEqualTo(1);
        assertThat(file.path("datasources")).hasSize(1);
        JsonNode ds = file.path("datasources").get(0);
        assertThat(ds.path("type").asText()).isEqualTo("prometheus");
        assertThat(ds.path("uid").asText()).isEqualTo("prometheus");
        assertThat(ds.path("url").asText()).isEqualTo("http://prometheus:9090");
        assertThat(ds.path("isDefault").asBoolean()).isTrue();
    }

    @Test
    void shouldProvisionTheDashboardsReadOnlyFromTheMountedPath() {
        JsonNode file = GrafanaFiles.provisioning("dashboards/imwatch.yml");

        assertThat(file.path("apiVersion").asInt()).isEqualTo(1);
        assertThat(file.path("providers")).hasSize(1);
        JsonNode provider = file.path("providers").get(0);
        assertThat(provider.path("type").asText()).isEqualTo("file");
        assertThat(provider.path("folder").asText()).isEqualTo("imwatch");
        assertThat(provider.path("allowUiUpdates").asBoolean(true)).isFalse();
        assertThat(provider.path("editable").asBoolean(true)).isFalse();
        assertThat(provider.path("options").path("path").asText()).isEqualTo("/var/lib/grafana/dashboards");
    }

    /**
     * Grafana's alert rule provisioning names a folder by title only. If the dashboard provider
     * named its folder by uid as well, the first of the two to run would create "imwatch" and the
     * other a second "imwatch" with another uid: both name it by title, the same title.
     */
    @Test
    void shouldPutTheDashboardsAndTheAlternativeAlertRulesInOneFolderNamedByTitle() {
        JsonNode provider = GrafanaFiles.provisioning("dashboards/imwatch.yml")
                .path("providers")
                .get(0);
        assertThat(provider.has("folderUid"))
                .as("dashboard provider folderUid (alert rules cannot name a folder uid)")
                .isFalse();
        for (JsonNode group : GrafanaFiles.alertRulesFile().path("groups")) {
            assertThat(group.path("folder").asText())
                    .as("alert group " + group.path("name").asText() + " folder")
                    .isEqualTo(provider.path("folder").asText());
        }
    }

    /** The Grafana-managed rules are an alternative to the Prometheus rules: never provisioned beside them. */
    @Test
    void shouldKeepTheGrafanaManagedAlertRulesOutOfTheProvisioningTree() {
        assertThat(GrafanaFiles.root().resolve("provisioning/alerting"))
                .satisfiesAnyOf(
                        dir -> assertThat(dir).doesNotExist(),
                        dir -> assertThat(dir).isEmptyDirectory());
        assertThat(GrafanaFiles.root().resolve("alerting/imwatch-alerts.yml")).isRegularFile();
    }

    @Test
    void shouldQueryOnlyTheProvisionedPrometheusFromAlertRules() {
        JsonNode file = GrafanaFiles.alertRulesFile();
        assertThat(file.path("apiVersion").asInt()).isEqualTo(1);
        for (JsonNode group : file.path("groups")) {
            assertThat(group.path("folder").asText()).as("group folder").isNotBlank();
            assertThat(group.path("interval").asText()).as("group interval").isNotBlank();
        }
        List<JsonNode> rules = GrafanaFiles.alertRules();
        assertThat(rules).isNotEmpty();
        for (JsonNode rule : rules) {
            String title = rule.path("title").asText();
            assertThat(rule.path("uid").asText()).as(title + " uid").isNotBlank();
            assertThat(rule.path("for").asText()).as(title + " for").isNotBlank();
            assertThat(rule.path("labels").path("severity").asText())
                    .as(title + " severity")
                    .isNotBlank();
            assertThat(rule.path("annotations").path("summary").asText())
                    .as(title + " summary")
                    .isNotBlank();

            Set<String> refIds = new HashSet<>();
            int prometheusQueries = 0;
            for (JsonNode query : rule.path("data")) {
                String refId = query.path("refId").asText();
                refIds.add(refId);
                String datasource = query.path("datasourceUid").asText();
                assertThat(datasource)
                        .as(title + " " + refId + " datasourceUid")
                        .isIn("prometheus", "__expr__");
                if ("prometheus".equals(datasource)) {
                    prometheusQueries++;
                    assertThat(query.path("model").path("expr").asText())
                            .as(title + " " + refId + " expr")
                            .isNotBlank();
                }
            }
            assertThat(prometheusQueries).as(title + " Prometheus queries").isPositive();
            assertThat(refIds)
                    .as(title + " condition")
                    .contains(rule.path("condition").asText());
            for (JsonNode query : rule.path("data")) {
                if ("__expr__".equals(query.path("datasourceUid").asText())) {
                    String expression = query.path("model").path("expression").asText();
                    for (String ref : GrafanaFiles.variablesIn(expression)) {
                        assertThat(refIds)
                                .as(title + " expression " + expression)
                                .contains(ref);
                    }
                }
            }
            assertLinkedPanelExists(rule);
        }
    }

    private static void assertLinkedPanelExists(JsonNode rule) {
        if (!rule.has("dashboardUid")) {
            return;
        }
        String uid = rule.path("dashboardUid").asText();
        int panelId = rule.path("panelId").asInt();
        Dashboard dashboard = DASHBOARDS.stream()
                .filter(d -> d.uid().equals(uid))
                .findFirst()
                .orElseThrow(() -> new AssertionError(rule.path("title").asText() + ": no dashboard " + uid));
        assertThat(dashboard.panels())
                .as(rule.path("title").asText() + " panel " + panelId)
                .anySatisfy(p -> {
                    assertThat(p.path("id").asInt()).isEqualTo(panelId);
                    assertThat(p.path("type").asText()).isNotEqualTo("row");
                });
    }

    private static boolean isDatasourceVariable(JsonNode datasource) {
        return datasource.isObject()
                && "prometheus".equals(datasource.path("type").asText())
                && GrafanaFiles.DATASOURCE_REF.equals(datasource.path("uid").asText());
    }

    private static void findDatasourceReferences(JsonNode node, String path, List<String> problems) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String here = path + "." + field.getKey();
                JsonNode value = field.getValue();
                if ("datasource".equals(field.getKey())) {
                    String uid = value.isObject() ? value.path("uid").asText() : value.asText();
                    if (!GrafanaFiles.DATASOURCE_REF.equals(uid)) {
                        problems.add(here + " = " + value);
                    }
                } else if ("datasourceUid".equals(field.getKey())) {
                    problems.add(here + " = " + value);
                }
                findDatasourceReferences(value, here, problems);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                findDatasourceReferences(node.get(i), path + "[" + i + "]", problems);
            }
        }
    }
}
