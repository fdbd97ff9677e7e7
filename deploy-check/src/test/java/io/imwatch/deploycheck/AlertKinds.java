package io.imwatch.deploycheck;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The alerts imwatch's stack can raise, for checking Alertmanager's inhibit rules against them: the
 * Prometheus rules (labels seen in their promtool tests) and the in-stream detector's default rules.
 */
final class AlertKinds {

    static final String DEFAULT_ALERT_RULES =
            "stream-app/src/main/resources/io/imwatch/app/alerts/rules/default-rules.yaml";

    /**
     * One kind of alert: labels with a fixed value (alertname, severity, source, Prometheus'
     * external labels) and the names of labels whose value varies (vendor, instance...).
     */
    record AlertKind(String origin, Map<String, String> fixed, Set<String> varying) {
        String label() {
            return fixed.get("alertname") + "(" + origin + ")";
        }

        boolean has(String name) {
            return fixed.containsKey(name) || varying.contains(name);
        }

        /** Whether some alert of this kind can satisfy the matcher. */
        boolean mayMatch(Matcher m) {
            if (!fixed.containsKey(m.name()) && varying.contains(m.name())) {
                // any non-empty value: only ="" and =~ patterns that match nothing non-empty fail
                return switch (m.op()) {
                    case "=" -> !m.value().isEmpty();
                    case "=~" -> !m.value().isEmpty() && !m.value().equals("^$");
                    default -> true;
                };
            }
            String actual = fixed.getOrDefault(m.name(), "");
            return switch (m.op()) {
                case "=" -> actual.equals(m.value());
                case "!=" -> !actual.equals(m.value());
                case "=~" -> Pattern.matches(m.value(), actual);
                case "!~" -> !Pattern.matches(m.value(), actual);
                default -> false;
            };
        }

        /** Whether alerts of this kind and another can have the same value (or both none) for a label. */
        boolean agrees(AlertKind other, String label) {
            if (!has(label) || !other.has(label)) {
                return !has(label) && !other.has(label);
            }
            String a = fixed.get(label);
            String b = other.fixed().get(label);
            return a == null || b == null || a.equals(b);
        }
    }

    /** An Alertmanager label matcher: {@code name op value}. */
    record Matcher(String name, String op, String value) {}

    private AlertKinds() {}

    /** The alerting rules of the Prometheus rules file, by name. */
    static Map<String, JsonNode> prometheusAlerts() {
        Map<String, JsonNode> alerts = new LinkedHashMap<>();
        for (JsonNode group : DeployFiles.yaml(DeployFiles.RULES).path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                if (rule.hasNonNull("alert")) {
                    alerts.put(rule.path("alert").asText(), rule);
                }
            }
        }
        return alerts;
    }

    /** Alert name to the label names its promtool tests expect (exp_labels). */
    static Map<String, Set<String>> testedLabels() {
        Map<String, Set<String>> tested = new LinkedHashMap<>();
        for (String test : DeployFiles.yamlFiles(DeployFiles.RULE_TESTS)) {
            for (JsonNode t : DeployFiles.yaml(test).path("tests")) {
                for (JsonNode art : t.path("alert_rule_test")) {
                    Set<String> names =
                            tested.computeIfAbsent(art.path("alertname").asText(), k -> new TreeSet<>());
                    art.path("exp_alerts")
                            .forEach(a -> a.path("exp_labels").fieldNames().forEachRemaining(names::add));
                }
            }
        }
        return tested;
    }

    static List<AlertKind> all(Map<String, String> externalLabels) {
        Map<String, Set<String>> tested = testedLabels();
        List<AlertKind> kinds = new ArrayList<>();
        prometheusAlerts().forEach((name, rule) -> {
            Map<String, String> fixed = new LinkedHashMap<>(externalLabels);
            rule.path("labels")
                    .properties()
                    .forEach(e -> fixed.put(e.getKey(), e.getValue().asText()));
            fixed.put("alertname", name);
            Set<String> varying = new TreeSet<>(tested.getOrDefault(name, Set.of()));
            varying.removeAll(fixed.keySet());
            kinds.add(new AlertKind("prometheus", fixed, varying));
        });
        for (JsonNode rule : DeployFiles.yaml(DEFAULT_ALERT_RULES).path("rules")) {
            Map<String, String> fixed = new LinkedHashMap<>();
            fixed.put("alertname", rule.path("name").asText());
            fixed.put("severity", rule.path("severity").asText());
            fixed.put("source", "imwatch");
            kinds.add(new AlertKind("imwatch", fixed, new TreeSet<>(DeployFiles.strings(rule.path("groupBy")))));
        }
        return kinds;
    }
}
