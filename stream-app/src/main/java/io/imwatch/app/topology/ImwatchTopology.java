package io.imwatch.app.topology;

import io.imwatch.app.alerts.detection.AlertsTopology;
import io.imwatch.app.alerts.rules.AlertRules;
import io.imwatch.app.config.StreamSettings;
import io.imwatch.app.config.TopicSpec;
import io.imwatch.app.counts.CountsTopology;
import io.imwatch.app.metrics.ImwatchMetrics;
import io.imwatch.app.window.Classified;
import io.imwatch.classify.Classifier;
import io.imwatch.classify.Route;
import io.imwatch.classify.event.LogEvent;
import io.imwatch.classify.output.EnrichFields;
import io.imwatch.classify.output.EnrichedJson;
import io.imwatch.classify.redact.Redactor;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * Builds the imwatch topology from typed settings; a pure function (no I/O). Every processor,
 * store and repartition topic is named, so names stay stable across releases.
 *
 * <pre>
 * inputs ─ read-logs ─ classify ─┬─ route-enriched ─ write-enriched ─ topic.enriched
 *   (bad records → deserialization│─ route-unknown ─ write-unknown ─ topic.unknown
 *    handler → topic.deadletter)  ├─ route-no-code ─ (counted; topic.nocode if nocode.forward)
 *                                 ├─ counts (windowed, exactly-once) ─ topic.counts
 *                                 └─ alerts (spike detector) ─ topic.alerts
 * </pre>
 */
public final class ImwatchTopology {

    private ImwatchTopology() {}

    /** The topics the topology writes, with their serdes. */
    public record Outputs(
            TopicSpec<byte[], byte[]> enriched,
            TopicSpec<byte[], byte[]> unknown,
            TopicSpec<byte[], byte[]> noCode,
            TopicSpec<String, byte[]> counts,
            TopicSpec<String, byte[]> alerts) {

        /** The topic names of {@code settings} with imwatch's serdes. */
        public static Outputs of(StreamSettings settings) {
            StreamSettings.TopicNames t = settings.topics();
            Serde<byte[]> bytes = Serdes.ByteArray();
            return new Outputs(
                    new TopicSpec<>(t.enriched(), bytes, bytes),
                    new TopicSpec<>(t.unknown(), bytes, bytes),
                    new TopicSpec<>(t.noCode(), bytes, bytes),
                    new TopicSpec<>(t.counts(), Serdes.String(), bytes),
                    new TopicSpec<>(t.alerts(), Serdes.String(), bytes));
        }
    }

    /**
     * @param settings validated settings (inputs, windows, switches)
     * @param outputs the output topics and serdes
     * @param classifier the shared extraction + classification core; its parser (built with {@code
     *     settings.maxEventBytes()}) deserializes the input records
     * @param alertRules the alert rules to evaluate in-stream
     * @param metrics where classification counts go
     */
    public static Topology build(
            StreamSettings settings,
            Outputs outputs,
            Classifier classifier,
            AlertRules alertRules,
            ImwatchMetrics metrics) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(classifier, "classifier");
        if (classifier.parser().maxBytes() != settings.maxEventBytes()) {
            throw new IllegalArgumentException("the classifier reads events of up to "
                    + classifier.parser().maxBytes()
                    + " bytes but max.event.bytes is " + settings.maxEventBytes()
                    + ": build it with new Classifier(catalog, rules, settings.maxEventBytes())");
        }
        StreamsBuilder builder = new StreamsBuilder();
        Serde<LogEvent> events = Serdes.serdeFrom(
                (topic, event) -> {
                    throw new UnsupportedOperationException("log events are never written back");
                },
                new LogEventDeserializer(classifier.parser()));
        KStream<byte[], LogEvent> logs = null;
        if (!settings.inputs().isEmpty()) {
            logs = builder.stream(
                    settings.inputs().stream()
                            .map(StreamSettings.InputTopic::name)
                            .toList(),
                    Consumed.with(Serdes.ByteArray(), events).withName("read-logs"));
        }
        if (settings.inputPattern().isPresent()) {
            KStream<byte[], LogEvent> matched = builder.stream(
                    settings.inputPattern().get(),
                    Consumed.with(Serdes.ByteArray(), events).withName("read-logs-pattern"));
            logs = logs == null ? matched : logs.merge(matched, Named.as("merge-inputs"));
        }

        KStream<byte[], Classified> classified =
                logs.processValues(() -> new ClassifyProcessor(classifier, settings, metrics), Named.as("classify"));

        Map<String, KStream<byte[], Classified>> routes = classified
                .split(Named.as("route-"))
                .branch((key, value) -> value.route() == Route.ENRICHED, Branched.as("enriched"))
                .branch((key, value) -> value.route() == Route.UNKNOWN, Branched.as("unknown"))
                .defaultBranch(Branched.as("no-code"));
        write(routes.get("route-enriched"), outputs.enriched(), "enriched", settings);
        write(routes.get("route-unknown"), outputs.unknown(), "unknown", settings);
        if (settings.forwardNoCode()) {
            write(routes.get("route-no-code"), outputs.noCode(), "no-code", settings);
        }

        CountsTopology.addTo(builder, classified, outputs.counts(), settings, metrics);
        AlertsTopology.addTo(builder, classified, outputs.alerts(), settings, alertRules);
        return builder.build();
    }

    /** Writes one route; dead letters never pass here, so they keep their original bytes. */
    private static void write(
            KStream<byte[], Classified> stream, TopicSpec<byte[], byte[]> topic, String name, StreamSettings settings) {
        Redactor redactor = settings.redactor();
        EnrichFields fields = settings.enrichFields();
        stream.mapValues(value -> EnrichedJson.write(value.event(), redactor, fields), Named.as("write-" + name))
                .to(
                        topic.name(),
                        Produced.with(topic.keySerde(), topic.valueSerde()).withName("to-" + name));
    }
}
