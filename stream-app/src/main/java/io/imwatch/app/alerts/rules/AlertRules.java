package io.imwatch.app.alerts.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.imwatch.app.config.ConfigProblem;
import io.imwatch.app.config.Durations;
import io.imwatch.catalog.Catalog;
import io.imwatch.catalog.CodeClass;
import io.imwatch.catalog.LocatedYaml;
import io.imwatch.catalog.Outcome;
import io.imwatch.catalog.SessionCloseReason;
import io.imwatch.catalog.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The alert rules in force: the built-in defaults, or a user's YAML file (same format). */
public final class AlertRules {

    private static final String DEFAULTS = "/io/imwatch/app/alerts/rules/default-rules.yaml";
    private static final Set<String> RULE_KEYS = Set.of(
            "name",
            "description",
            "match",
            "groupBy",
            "window",
            "severity",
            "labels",
            "annotations",
            "minCount",
            "factor",
            "zScore",
            "warmupWindows",
            "alpha",
            "resolveFactor",
            "resolveWindows");
    private static final Set<String> MATCH_KEYS =
            Set.of("vendor", "space", "class", "codes", "sessionClose", "known", "severity", "outcome");

    private final List<AlertRule> rules;
    private final Map<String, AlertRule> byName;

    public AlertRules(List<AlertRule> rules) {
        this.rules = List.copyOf(rules);
        Map<String, AlertRule> names = new LinkedHashMap<>();
        rules.forEach(r -> names.put(r.name(), r));
        this.byName = Map.copyOf(names);
    }

    public List<AlertRule> rules() {
        return rules;
    }

    public Optional<AlertRule> byName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /**
     * The label sets ({@code alertname}, and {@code vendor}/{@code reason} where a rule groups by
     * them) of every firing-gauge series these rules can produce with {@code catalog}.
     */
    public List<Map<String, String>> firingSeries(Catalog catalog) {
        List<Map<String, String>> series = new ArrayList<>();
        for (AlertRule rule : rules) {
            for (Map<String, String> labels : rule.vendorReasonSeries(catalog)) {
                Map<String, String> withName = new LinkedHashMap<>(labels);
                withName.put("alertname", rule.name());
                series.add(Map.copyOf(withName));
            }
        }
        return series;
    }

    /** The built-in rules with {@code window} as their default window. */
    public static AlertRules defaults(Duration window) {
        try (InputStream in = AlertRules.class.getResourceAsStream(DEFAULTS)) {
            return read("default-rules.yaml", in, window);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the built-in alert rules", e);
        }
    }

    /**
     * Reads a user rule file.
     *
     * @throws ConfigProblem naming the file, line, rule and fix for every problem
     */
    public static AlertRules load(Path file, Duration defaultWindow) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(file.toString(), in, defaultWindow);
        } catch (IOException e) {
            throw new ConfigProblem(
                    "cannot read alert rules " + file + ": " + e.getMessage() + " (check alerts.rules.file)", e);
        }
    }

    static AlertRules read(String source, InputStream in, Duration defaultWindow) throws IOException {
        LocatedYaml yaml = LocatedYaml.read(in);
        List<String> problems = new ArrayList<>();
        JsonNode list = yaml.root() == null ? null : yaml.root().get("rules");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new ConfigProblem(source + ": needs 'rules:', a non-empty list of alert rules");
        }
        List<AlertRule> rules = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (JsonNode node : list) {
            String where = source + ":" + yaml.line(node) + ": rule '"
                    + node.path("name").asText("?") + "'";
            int before = problems.size();
            AlertRule rule = rule(node, where, defaultWindow, problems);
            if (rule != null && !names.add(rule.name())) {
                problems.add(where + ": the name is used twice");
            }
            if (rule != null && problems.size() == before) {
                rules.add(rule);
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigProblem("invalid alert rules:\n  - " + String.join("\n  - ", problems));
        }
        return new AlertRules(rules);
    }

    private static AlertRule rule(JsonNode node, String where, Duration defaultWindow, List<String> problems) {
        node.fieldNames().forEachRemaining(key -> {
            if (!RULE_KEYS.contains(key)) {
                problems.add(where + ": unknown key '" + key + "'; allowed: " + new java.util.TreeSet<>(RULE_KEYS));
            }
        });
        String name = node.path("name").asText("");
        if (!name.matches("[A-Za-z][A-Za-z0-9_]*")) {
            problems.add(where + ": 'name' must be an identifier such as SessionCloseSpike");
            return null;
        }
        List<AlertRule.Dimension> groupBy = new ArrayList<>();
        node.path("groupBy").forEach(d -> {
            try {
                groupBy.add(AlertRule.Dimension.valueOf(d.asText().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                problems.add(where + ": groupBy '" + d.asText() + "' is not one of "
                        + Arrays.stream(AlertRule.Dimension.values())
                                .map(AlertRule.Dimension::label)
                                .toList());
            }
        });
        Duration window = defaultWindow;
        if (node.hasNonNull("window")) {
            try {
                window = Durations.parse(node.get("window").asText());
            } catch (IllegalArgumentException e) {
                problems.add(where + ": 'window' " + e.getMessage());
            }
        }
        DetectorParams d = DetectorParams.DEFAULTS;
        DetectorParams params = null;
        try {
            params = new DetectorParams(
                    node.path("minCount").asLong(d.minCount()),
                    node.path("factor").asDouble(d.factor()),
                    node.path("zScore").asDouble(d.zScore()),
                    node.path("warmupWindows").asInt(d.warmupWindows()),
                    node.path("alpha").asDouble(d.alpha()),
                    node.path("resolveFactor").asDouble(d.resolveFactor()),
                    node.path("resolveWindows").asInt(d.resolveWindows()));
        } catch (IllegalArgumentException e) {
            problems.add(where + ": " + e.getMessage());
        }
        AlertRule.Match match = match(node.path("match"), where, problems);
        String severity = node.path("severity").asText("warning");
        return params == null || match == null
                ? null
                : new AlertRule(
                        name,
                        node.path("description").asText(""),
                        match,
                        groupBy,
                        window,
                        params,
                        severity,
                        strings(node.path("labels")),
                        strings(node.path("annotations")));
    }

    private static AlertRule.Match match(JsonNode node, String where, List<String> problems) {
        if (!node.isObject() || node.isEmpty()) {
            problems.add(
                    where + ": 'match' must say which codes to count, e.g. {sessionClose: any} or {class: [AUTH]}");
            return null;
        }
        node.fieldNames().forEachRemaining(key -> {
            if (!MATCH_KEYS.contains(key)) {
                problems.add(
                        where + ": unknown match key '" + key + "'; allowed: " + new java.util.TreeSet<>(MATCH_KEYS));
            }
        });
        Set<String> classes = checked(set(node.get("class")), names(CodeClass.values()), where, "class", problems);
        Set<String> closes = set(node.get("sessionClose"));
        Set<String> closeNames = new HashSet<>(names(SessionCloseReason.values()));
        closeNames.add("any");
        closes = checked(closes, closeNames, where, "sessionClose", problems);
        Set<String> severities =
                checked(set(node.get("severity")), names(Severity.values()), where, "severity", problems);
        Set<String> outcomes = checked(set(node.get("outcome")), names(Outcome.values()), where, "outcome", problems);
        Set<Integer> codes = null;
        if (node.has("codes")) {
            codes = new LinkedHashSet<>();
            for (JsonNode c : node.get("codes")) {
                codes.add(c.asInt());
            }
        }
        Boolean known = node.has("known") ? node.get("known").asBoolean() : null;
        return new AlertRule.Match(
                set(node.get("vendor")), set(node.get("space")), classes, codes, closes, known, severities, outcomes);
    }

    private static Set<String> checked(
            Set<String> values, Set<String> allowed, String where, String key, List<String> problems) {
        if (values != null) {
            values.stream()
                    .filter(v -> !allowed.contains(v))
                    .forEach(v -> problems.add(where + ": match " + key + " '" + v + "' is not one of "
                            + new java.util.TreeSet<>(allowed)));
        }
        return values;
    }

    private static Set<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).collect(Collectors.toSet());
    }

    private static Set<String> set(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        Set<String> out = new LinkedHashSet<>();
        if (node.isArray()) {
            node.forEach(v -> out.add(v.asText()));
        } else {
            out.add(node.asText());
        }
        return Set.copyOf(out);
    }

    private static Map<String, String> strings(JsonNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        if (node != null && node.isObject()) {
            node.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
        }
        return out;
    }
}
