package io.imwatch.app.config;

import io.imwatch.catalog.Catalog;
import io.imwatch.classify.output.EnrichFields;
import io.imwatch.classify.redact.Redactor;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.internals.Topic;

/** The one place settings are checked against each other and the catalogue; all problems are reported at once. */
public final class ConfigValidator {

    /**
     * The OTLP topic the embedded demo adds to its inputs when {@code input.topics} is not set (the
     * OpenTelemetry Collector's {@code kafkaexporter} default topic).
     */
    public static final String EMBEDDED_OTLP_TOPIC = "otlp_logs";

    /** The {@code input.topics} option that makes a topic one of OTLP log batches. */
    static final String OTLP_OPTION = "otlp";

    private ConfigValidator() {}

    /**
     * @throws ConfigProblem listing each problem with its key, where it was set, and the fix
     */
    public static StreamSettings validate(ImwatchConfig config, ConfigSources sources, Catalog catalog) {
        List<String> problems = new ArrayList<>();
        List<StreamSettings.InputTopic> inputs = new ArrayList<>();
        for (String entry : config.nonBlankList(ImwatchConfig.INPUT_TOPICS_CONFIG)) {
            inputs.add(inputTopic(entry, sources, catalog, problems));
        }
        if (config.isEmbedded()
                && "default".equals(sources.origin(ImwatchConfig.INPUT_TOPICS_CONFIG))
                && config.getString(ImwatchConfig.INPUT_PATTERN_CONFIG).isBlank()
                && !"false".equals(config.getString(ImwatchConfig.DEMO_ENABLED_CONFIG))) {
            // the embedded demo shows an OTLP stream too, unless the user chose the inputs
            inputs.add(new StreamSettings.InputTopic(EMBEDDED_OTLP_TOPIC, null, StreamSettings.InputFormat.OTLP));
        }
        Optional<Pattern> pattern = Optional.empty();
        String patternText =
                config.getString(ImwatchConfig.INPUT_PATTERN_CONFIG).strip();
        if (!patternText.isEmpty()) {
            try {
                pattern = Optional.of(Pattern.compile(patternText));
            } catch (PatternSyntaxException e) {
                problems.add(ImwatchConfig.INPUT_PATTERN_CONFIG + " (from "
                        + sources.origin(ImwatchConfig.INPUT_PATTERN_CONFIG) + "): not a valid regex: "
                        + e.getDescription());
            }
        }
        if (inputs.isEmpty() && patternText.isEmpty()) {
            problems.add(ImwatchConfig.INPUT_TOPICS_CONFIG + " is empty and " + ImwatchConfig.INPUT_PATTERN_CONFIG
                    + " is not set: name the topics to read, e.g. input.topics=im.logs,turms.logs:turms");
        }
        String patternVendor = blankToNull(config.getString(ImwatchConfig.INPUT_PATTERN_VENDOR_CONFIG));
        if (patternVendor != null && !catalog.vendors().contains(patternVendor)) {
            problems.add(ImwatchConfig.INPUT_PATTERN_VENDOR_CONFIG + ": vendor '" + patternVendor
                    + "' is not in the catalogue; known vendors are " + catalog.vendors());
        }
        StreamSettings.TopicNames topics = new StreamSettings.TopicNames(
                config.getString(ImwatchConfig.TOPIC_ENRICHED_CONFIG),
                config.getString(ImwatchConfig.TOPIC_UNKNOWN_CONFIG),
                config.getString(ImwatchConfig.TOPIC_DEADLETTER_CONFIG),
                config.getString(ImwatchConfig.TOPIC_NOCODE_CONFIG),
                config.getString(ImwatchConfig.TOPIC_COUNTS_CONFIG),
                config.getString(ImwatchConfig.TOPIC_ALERTS_CONFIG),
                config.getString(ImwatchConfig.TOPIC_CATALOG_CONFIG));
        List<String> outputKeys = List.of(
                ImwatchConfig.TOPIC_ENRICHED_CONFIG,
                ImwatchConfig.TOPIC_UNKNOWN_CONFIG,
                ImwatchConfig.TOPIC_DEADLETTER_CONFIG,
                ImwatchConfig.TOPIC_NOCODE_CONFIG,
                ImwatchConfig.TOPIC_COUNTS_CONFIG,
                ImwatchConfig.TOPIC_ALERTS_CONFIG,
                ImwatchConfig.TOPIC_CATALOG_CONFIG);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < outputKeys.size(); i++) {
            String key = outputKeys.get(i);
            String topic = topics.all().get(i);
            checkTopic(topic, key, sources, problems);
            if (!seen.add(topic)) {
                problems.add(key + "=" + topic + " (from " + sources.origin(key)
                        + ") is used for two outputs; give each its own topic");
            }
            boolean isInput = inputs.stream().anyMatch(in -> in.name().equals(topic))
                    || pattern.map(p -> p.matcher(topic).matches()).orElse(false);
            if (isInput) {
                problems.add(key + "=" + topic + " (from " + sources.origin(key)
                        + ") is also an input topic; imwatch would" + " read its own output");
            }
        }
        Duration window = config.duration(ImwatchConfig.COUNTS_WINDOW_CONFIG);
        if (window.isZero() || window.isNegative()) {
            problems.add(ImwatchConfig.COUNTS_WINDOW_CONFIG + " must be positive, e.g. 1m");
        }
        String alertmanager =
                config.getString(ImwatchConfig.ALERTMANAGER_URL_CONFIG).strip();
        if (!alertmanager.isEmpty()) {
            try {
                URI uri = new URI(alertmanager);
                if (uri.getScheme() == null || !uri.getScheme().startsWith("http") || uri.getHost() == null) {
                    throw new URISyntaxException(alertmanager, "needs http(s)://host:port");
                }
            } catch (URISyntaxException e) {
                problems.add(ImwatchConfig.ALERTMANAGER_URL_CONFIG + "=" + alertmanager + " (from "
                        + sources.origin(ImwatchConfig.ALERTMANAGER_URL_CONFIG)
                        + ") is not a URL; use e.g. http://alertmanager:9093");
            }
        }
        if (pattern.isPresent()) {
            for (StreamSettings.InputTopic otlp : inputs) {
                if (otlp.format() == StreamSettings.InputFormat.OTLP
                        && pattern.get().matcher(otlp.name()).matches()) {
                    problems.add(ImwatchConfig.INPUT_PATTERN_CONFIG + " (from "
                            + sources.origin(ImwatchConfig.INPUT_PATTERN_CONFIG) + ") matches the OTLP topic '"
                            + otlp.name() + "' of " + ImwatchConfig.INPUT_TOPICS_CONFIG
                            + ", which would be read twice; narrow the pattern so that it leaves OTLP topics out");
                }
            }
        }
        int otlpMaxRecords = config.getInt(ImwatchConfig.OTLP_MAX_RECORDS_CONFIG);
        Redactor redactor = RedactionSettings.redactor(config, sources, problems);
        EnrichFields enrichFields = EnrichFields.LEAN;
        try {
            enrichFields = EnrichFields.parse(config.getString(ImwatchConfig.ENRICH_FIELDS_CONFIG));
        } catch (IllegalArgumentException e) {
            problems.add(ImwatchConfig.ENRICH_FIELDS_CONFIG + " (from "
                    + sources.origin(ImwatchConfig.ENRICH_FIELDS_CONFIG) + ") " + e.getMessage());
        }
        if (!problems.isEmpty()) {
            throw new ConfigProblem("invalid configuration:\n  - " + String.join("\n  - ", problems));
        }
        return new StreamSettings(
                inputs,
                pattern,
                patternVendor,
                topics,
                config.getBoolean(ImwatchConfig.NOCODE_FORWARD_CONFIG),
                config.getInt(ImwatchConfig.MAX_EVENT_BYTES_CONFIG),
                window,
                config.duration(ImwatchConfig.COUNTS_GRACE_CONFIG),
                config.duration(ImwatchConfig.ALERTS_EVALUATION_INTERVAL_CONFIG),
                config.getString(ImwatchConfig.GENERATOR_URL_CONFIG),
                redactor,
                otlpMaxRecords,
                enrichFields);
    }

    /**
     * One {@code input.topics} entry: {@code topic}, then optionally {@code :vendor} and/or {@code
     * :otlp} (topic names cannot hold a colon).
     */
    private static StreamSettings.InputTopic inputTopic(
            String entry, ConfigSources sources, Catalog catalog, List<String> problems) {
        String key = ImwatchConfig.INPUT_TOPICS_CONFIG;
        String[] parts = entry.split(":", -1);
        String topic = parts[0].strip();
        checkTopic(topic, key, sources, problems);
        String vendor = null;
        StreamSettings.InputFormat format = StreamSettings.InputFormat.LINES;
        for (int i = 1; i < parts.length; i++) {
            String option = parts[i].strip();
            boolean otlp = option.equals(OTLP_OPTION);
            if (otlp ? format == StreamSettings.InputFormat.OTLP : vendor != null) {
                problems.add(key + " (from " + sources.origin(key) + "): '" + entry.strip()
                        + "' gives two " + (otlp ? "formats" : "vendors")
                        + "; write topic, topic:vendor, topic:otlp or topic:otlp:vendor");
            } else if (otlp) {
                format = StreamSettings.InputFormat.OTLP;
            } else if (catalog.vendors().contains(option)) {
                vendor = option;
            } else {
                problems.add(key + " (from " + sources.origin(key) + "): vendor '" + option + "' of topic '" + topic
                        + "' is not in the catalogue; known vendors are " + catalog.vendors()
                        + " (add a vendor with catalog.files; ':" + OTLP_OPTION
                        + "' marks a topic of OTLP log batches)");
            }
        }
        return new StreamSettings.InputTopic(topic, vendor, format);
    }

    private static void checkTopic(String topic, String key, ConfigSources sources, List<String> problems) {
        try {
            Topic.validate(topic);
        } catch (InvalidTopicException e) {
            problems.add(key + " (from " + sources.origin(key) + "): '" + topic + "' is not a valid topic name: "
                    + e.getMessage());
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
