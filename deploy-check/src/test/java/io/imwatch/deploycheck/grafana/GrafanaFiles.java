package io.imwatch.deploycheck.grafana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The repository's {@code grafana/} directory as the tests see it: the dashboards, their panels,
 * queries and template variables, and the provisioning files. Grafana's own interpolation rules
 * are followed where they matter: {@code $name}, {@code ${name}}, {@code ${name:format}} and
 * {@code [[name]]} are variables; {@code $1} (a {@code label_replace} capture group) is not.
 */
final class GrafanaFiles {

    /** Variables Grafana defines itself. */
    static final Set<String> BUILT_IN_VARIABLES = Set.of(
            "__rate_interval", "__interval", "__interval_ms", "__range", "__range_s", "__range_ms", "__from", "__to");

    static final String DATASOURCE_REF = "${datasource}";

    private static final Pattern VARIABLE =
            Pattern.compile("\\$\\{([A-Za-z_]\\w*)(?::[^}]*)?}|\\$([A-Za-z_]\\w*)|\\[\\[([A-Za-z_]\\w*)]]");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.+),\\s*(\\w+)\\s*\\)");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();

    /** One dashboard file. */
    record Dashboard(Path file, JsonNode json) {
        String uid() {
            return json.path("uid").asText();
        }

        String title() {
            return json.path("title").asText();
        }

        /** Every panel, including those nested in rows. */
        List<JsonNode> panels() {
            List<JsonNode> out = new ArrayList<>();
            collectPanels(json.path("panels"), out);
            return out;
        }

        List<JsonNode> variables() {
            List<JsonNode> out = new ArrayList<>();
            json.path("templating").path("list").forEach(out::add);
            return out;
        }

        Set<String> variableNames() {
            Set<String> names = new LinkedHashSet<>();
            variables().forEach(v -> names.add(v.path("name").asText()));
            return names;
        }

        /** Every PromQL expression: panel targets and annotation queries. */
        List<Query> queries() {
            List<Query> out = new ArrayList<>();
            for (JsonNode panel : panels()) {
                for (JsonNode target : panel.path("targets")) {
                    out.add(new Query(
                            title() + " / " + panel.path("title").asText() + " / "
                                    + target.path("refId").asText(),
                            target.path("expr").asText(),
                            target.path("instant").asBoolean(false)
                                    && !target.path("range").asBoolean(false)));
                }
            }
            for (JsonNode annotation : json.path("annotations").path("list")) {
                if (annotation.has("expr")) {
                    out.add(new Query(
                            title() + " / annotation " + annotation.path("name").asText(),
                            annotation.path("expr").asText(),
                            false));
                }
            }
            return out;
        }

        /** The {@code label_values(metric, label)} lookups of the query variables. */
        List<LabelValues> labelValueQueries() {
            List<LabelValues> out = new ArrayList<>();
            for (JsonNode variable : variables()) {
                if ("query".equals(variable.path("type").asText())) {
                    JsonNode query = variable.path("query");
                    String text = query.isObject() ? query.path("query").asText() : query.asText();
                    Matcher m = LABEL_VALUES.matcher(text.strip());
                    if (!m.matches()) {
                        throw new IllegalStateException(title() + ": variable "
                                + variable.path("name").asText() + " is not a label_values query: " + text);
                    }
                    out.add(new LabelValues(
                            title() + " / variable " + variable.path("name").asText(),
                            m.group(1).strip(),
                            m.group(2)));
                }
            }
            return out;
        }
    }

    /** A PromQL expression and where it comes from; {@code instant} as Grafana would run it. */
    record Query(String where, String expr, boolean instant) {}

    /** A query variable's {@code label_values(match, label)}. */
    record LabelValues(String where, String match, String label) {}

    private GrafanaFiles() {}

    /** The repository's {@code grafana/} directory, found upwards from the working directory. */
    static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path grafana = dir.resolve("grafana");
            if (Files.isDirectory(grafana.resolve("dashboards"))) {
                return grafana;
            }
        }
        throw new IllegalStateException(
                "no grafana/dashboards above " + Path.of("").toAbsolutePath());
    }

    static List<Dashboard> dashboards() {
        try (Stream<Path> files = Files.list(root().resolve("dashboards"))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json"))
                    .sorted()
                    .map(f -> new Dashboard(f, readJson(f)))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse " + file, e);
        }
    }

    /** A provisioning file, relative to {@code grafana/provisioning}. */
    static JsonNode provisioning(String relative) {
        Path file = root().resolve("provisioning").resolve(relative);
        try {
            return YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse " + file, e);
        }
    }

    /**
     * The Grafana-managed alert rules file, {@code grafana/alerting/imwatch-alerts.yml}: outside
     * {@code provisioning/}, as it is an alternative to the Prometheus rules, not an addition.
     */
    static JsonNode alertRulesFile() {
        Path file = root().resolve("alerting/imwatch-alerts.yml");
        try {
            return YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse " + file, e);
        }
    }

    /** The Grafana-managed alert rules, each with its group. */
    static List<JsonNode> alertRules() {
        List<JsonNode> rules = new ArrayList<>();
        alertRulesFile().path("groups").forEach(g -> g.path("rules").forEach(rules::add));
        return rules;
    }

    /**
     * Every {@code expr} of the Prometheus rule files in {@code deploy/prometheus/rules/}, as
     * {@code file / rule name} and expression.
     */
    static Map<String, String> prometheusRuleExpressions() {
        Map<String, String> out = new LinkedHashMap<>();
        Path dir = root().getParent().resolve("deploy/prometheus/rules");
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".yml")).sorted().toList()) {
                for (JsonNode group : YAML.readTree(file.toFile()).path("groups")) {
                    for (JsonNode rule : group.path("rules")) {
                        String name = rule.has("alert")
                                ? rule.path("alert").asText()
                                : rule.path("record").asText();
                        out.put(
                                file.getFileName() + " / " + name,
                                rule.path("expr").asText());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The names of the variables used in {@code text}, in order, without duplicates. */
    static Set<String> variablesIn(String text) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = VARIABLE.matcher(text);
        while (m.find()) {
            names.add(m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3));
        }
        return names;
    }

    /** {@code text} with every variable in {@code values} replaced; others are left as they are. */
    static String substitute(String text, Map<String, String> values) {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
            String value = values.get(name);
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static void collectPanels(JsonNode panels, List<JsonNode> out) {
        for (JsonNode panel : panels) {
            out.add(panel);
            collectPanels(panel.path("panels"), out);
        }
    }
}
