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
        EnrichFields enrichFields) {

    /** An input topic and the vendor to assume when an event does not say (or {@code null}). */
    public record InputTopic(String name, String vendor) {}

    /** Output topics. */
    public record TopicNames(
            String enriched, String unknown, String deadLetter, String noCode, String counts, String alerts) {
        public List<String> all() {
            return List.of(enriched, unknown, deadLetter, noCode, counts, alerts);
        }
    }

    public StreamSettings {
        inputs = List.copyOf(inputs);
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
