package io.imwatch.app.config;

import io.imwatch.classify.output.EnrichFields;
import io.imwatch.classify.redact.Redactor;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the topology needs, typed and validated (see {@link ConfigValidator}).
 *
 * @param inputs input topics and their default vendors
 * @param inputPattern regex of further input topics, if any
 * @param patternVendor default vendor of pattern-matched topics, or {@code null}
 * @param topics output topic names
 * @param forwardNoCode whether events without codes go to {@link TopicNames#noCode()}
 * @param maxEventBytes size limit of one event
 * @param countsWindow tumbling window of the counters
 * @param countsGrace how long late events are still counted
 * @param alertsEvaluationInterval wall-clock period of the spike detector
 * @param generatorUrl the link put on alerts (may be empty)
 * @param redactor what is redacted in the enriched, unknown and no-code records
 * @param otlpMaxRecords the most log records one OTLP batch may hold (a bigger one is dead-lettered whole)
 * @param enrichFields which catalogue fields each code of those records carries
 */
public record StreamSettings(
        List<InputTopic> inputs,
        Optional<Pattern> inputPattern,
        String patternVendor,
        TopicNames topics,
        boolean forwardNoCode,
        int maxEventBytes,
        Duration countsWindow,
        Duration countsGrace,
        Duration alertsEvaluationInterval,
        String generatorUrl,
        Redactor redactor,
        int otlpMaxRecords,
        EnrichFields enrichFields) {

    /** How the records of an input topic are written. */
    public enum InputFormat {
        /** One event per record: a JSON object or a text line (the default). */
        LINES,
        /**
         * One OTLP log batch per record ({@code ExportLogsServiceRequest}, protobuf or OTLP/JSON,
         * decided per record), one event per log record: {@code input.topics=otlp_logs:otlp}.
         */
        OTLP
    }

    /**
     * An input topic, the vendor to assume when an event does not say (or {@code null}), and how its
     * records are written.
     */
    public record InputTopic(String name, String vendor, InputFormat format) {

        /** A topic of {@link InputFormat#LINES}. */
        public InputTopic(String name, String vendor) {
            this(name, vendor, InputFormat.LINES);
        }
    }

    /** Output topics, and the catalogue topic (read by every instance, written by {@code imwatch catalog}). */
    public record TopicNames(
            String enriched,
            String unknown,
            String deadLetter,
            String noCode,
            String counts,
            String alerts,
            String catalog) {
        public List<String> all() {
            return List.of(enriched, unknown, deadLetter, noCode, counts, alerts, catalog);
        }
    }

    public StreamSettings {
        inputs = List.copyOf(inputs);
    }

    /** The input topics of {@code format}, in configuration order. */
    public List<InputTopic> inputs(InputFormat format) {
        return inputs.stream().filter(in -> in.format() == format).toList();
    }

    /** The default vendor of {@code topic}, or {@code null}. */
    public String vendorOf(String topic) {
        for (InputTopic input : inputs) {
            if (input.name().equals(topic)) {
                return input.vendor();
            }
        }
        return inputPattern.isPresent() && inputPattern.get().matcher(topic).matches() ? patternVendor : null;
    }
}
