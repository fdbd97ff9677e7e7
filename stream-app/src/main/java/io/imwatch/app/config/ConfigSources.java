package io.imwatch.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
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

    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, String> origins = new LinkedHashMap<>();

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

    /**
     * The layers every command reads, each overriding the one before: the config file (none when
     * {@code file} is null), then the environment variables, then the command line's {@code flags}.
     */
    public static ConfigSources layered(Path file, EnvironmentSettings environment, Map<String, String> flags) {
        ConfigSources sources = new ConfigSources();
        if (file != null) {
            sources.add(file.toString(), fromFile(file));
        }
        return sources.addEnvironment(environment).add("command line", flags);
    }

    /** Adds settings from one source, overriding earlier ones. */
    public ConfigSources add(String origin, Map<String, String> settings) {
        settings.forEach((key, value) -> {
            values.put(key, value);
            origins.put(key, origin);
        });
        return this;
    }

    /** Adds the settings of environment variables, each remembered by its variable's name. */
    public ConfigSources addEnvironment(EnvironmentSettings environment) {
        environment.settings().forEach(s -> add("environment variable " + s.variable(), Map.of(s.key(), s.value())));
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
        values.forEach((key, value) -> {
            if (key.startsWith(ImwatchConfig.KAFKA_PREFIX)) {
                checkKafkaKey(key, value, problems);
            } else if (!known.contains(key)) {
                problems.add("unknown key '" + key + "' (from " + origin(key) + ")"
                        + Suggestions.closest(key, known)
                                .map(k -> "; did you mean '" + k + "'?")
                                .orElse("")
                        + "; Kafka client settings go under 'kafka.', e.g. kafka.security.protocol");
            }
        });
        if (!problems.isEmpty()) {
            throw problems(problems);
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

    /**
     * A {@code kafka.*} key Kafka defines must have a value Kafka accepts; one Kafka does not define
     * passes on as is (plugins read their own settings), unless it is a near miss of one it defines.
     */
    private void checkKafkaKey(String key, String value, List<String> problems) {
        String kafkaKey = key.substring(ImwatchConfig.KAFKA_PREFIX.length());
        if (KafkaKeys.isKnown(kafkaKey)) {
            KafkaKeys.problem(kafkaKey, value)
                    .ifPresent(reason -> problems.add(key + "=" + value + " (from " + origin(key) + "): " + reason
                            + "; fix it there or override it with --set " + key + "=..."));
        } else {
            KafkaKeys.closest(kafkaKey)
                    .ifPresent(k -> problems.add("unknown Kafka setting '" + key + "' (from " + origin(key)
                            + "); did you mean '" + ImwatchConfig.KAFKA_PREFIX + k + "'?"));
        }
    }

    /** One problem on one line; several, one per line. */
    static ConfigProblem problems(List<String> problems) {
        return new ConfigProblem(
                problems.size() == 1
                        ? "invalid configuration: " + problems.get(0)
                        : "invalid configuration:\n  - " + String.join("\n  - ", problems));
    }

    /** The merged values, for display. */
    public Map<String, String> values() {
        return values.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> b, LinkedHashMap::new));
    }
}
