package io.imwatch.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.imwatch.app.cli.ConfigProblem;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigException;

/**
 * Gathers settings from, in rising precedence: defaults, a properties or YAML file, {@code IMWATCH_*}
 * environment variables, and command flags — remembering where each value came from, so an error
 * can say which one to fix.
 */
public final class ConfigSources {

    /** Environment variables starting with this set imwatch keys: IMWATCH_HTTP_PORT -> http.port. */
    public static final String ENV_PREFIX = "IMWATCH_";

    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, String> origins = new LinkedHashMap<>();

    /**
     * The imwatch keys that environment variables set: {@code IMWATCH_} removed, lower case,
     * {@code _} becomes {@code .}; e.g. {@code IMWATCH_KAFKA_SECURITY_PROTOCOL} ->
     * {@code kafka.security.protocol}. A pure function, for testing.
     */
    public static Map<String, String> fromEnvironment(Map<String, String> env) {
        Map<String, String> out = new LinkedHashMap<>();
        env.forEach((name, value) -> {
            if (name.startsWith(ENV_PREFIX) && name.length() > ENV_PREFIX.length()) {
                out.put(
                        name.substring(ENV_PREFIX.length())
                                .toLowerCase(Locale.ROOT)
                                .replace('_', '.'),
                        value);
            }
        });
        return out;
    }

    /** Reads a {@code .properties} file, or YAML ({@code .yaml}/{@code .yml}) whose nesting becomes dotted keys. */
    public static Map<String, String> fromFile(Path file) {
        try {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".yaml") || name.endsWith(".yml")) {
                Map<String, String> out = new LinkedHashMap<>();
                flatten("", new YAMLMapper().readTree(file.toFile()), out);
                return out;
            }
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
            Map<String, String> out = new LinkedHashMap<>();
            properties
                    .stringPropertyNames()
                    .forEach(k -> out.put(k, properties.getProperty(k).strip()));
            return out;
        } catch (IOException e) {
            throw new ConfigProblem(
                    "cannot read config file " + file + ": " + e.getMessage()
                            + " (give a readable .properties or .yaml file with --config)",
                    e);
        }
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        if (node == null || node.isNull()) {
            return;
        }
        if (node.isObject()) {
            node.properties()
                    .forEach(
                            e -> flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out));
        } else if (node.isArray()) {
            List<String> items = new ArrayList<>();
            node.forEach(item -> items.add(item.asText()));
            out.put(prefix, String.join(",", items));
        } else {
            out.put(prefix, node.asText());
        }
    }

    /** Adds settings from one source, overriding earlier ones. */
    public ConfigSources add(String origin, Map<String, String> settings) {
        settings.forEach((key, value) -> {
            values.put(key, value);
            origins.put(key, origin);
        });
        return this;
    }

    /** Where {@code key}'s value came from (e.g. "IMWATCH_HTTP_PORT", "imwatch.yaml"), or "default". */
    public String origin(String key) {
        return origins.getOrDefault(key, "default");
    }

    /**
     * Builds the typed config.
     *
     * @throws ConfigProblem naming the key, its source and the fix, for unknown keys and bad values
     */
    public ImwatchConfig build() {
        List<String> problems = new ArrayList<>();
        Set<String> known = ImwatchConfig.DEFINITION.names();
        for (String key : values.keySet()) {
            if (!known.contains(key) && !key.startsWith(ImwatchConfig.KAFKA_PREFIX)) {
                problems.add("unknown key '" + key + "' (from " + origin(key) + ")" + suggestion(key, known)
                        + "; Kafka client settings go under 'kafka.', e.g. kafka.security.protocol");
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigProblem("invalid configuration:\n  - " + String.join("\n  - ", problems));
        }
        try {
            return new ImwatchConfig(values);
        } catch (ConfigException e) {
            String key = ImwatchConfig.DEFINITION.names().stream()
                    .filter(k -> e.getMessage() != null && e.getMessage().contains("configuration " + k + ":"))
                    .findFirst()
                    .orElse(null);
            throw new ConfigProblem(
                    "invalid configuration: " + e.getMessage()
                            + (key == null
                                    ? ""
                                    : " (set by " + origin(key) + "; fix it there or override it with --set " + key
                                            + "=...)"),
                    e);
        }
    }

    private static String suggestion(String key, Set<String> known) {
        String best = known.stream()
                .min((a, b) -> Integer.compare(distance(key, a), distance(key, b)))
                .orElse(null);
        return best != null && distance(key, best) <= 3 ? "; did you mean '" + best + "'?" : "";
    }

    /** Levenshtein distance, for "did you mean". */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** The merged values, for display. */
    public Map<String, String> values() {
        return values.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> b, LinkedHashMap::new));
    }
}
