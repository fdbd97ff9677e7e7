package io.imwatch.app.topology;

import io.imwatch.app.alerts.detection.AlertsTopology;
import io.imwatch.app.alerts.rules.AlertRules;
import io.imwatch.app.config.StreamSettings;
import io.imwatch.app.config.TopicSpec;
import io.imwatch.app.counts.CountsTopology;
import io.imwatch.app.livecatalog.LiveCatalog;
import io.imwatch.app.metrics.ImwatchMetrics;
import io.imwatch.app.window.Classified;
import io.imwatch.app.window.Summing;
import io.imwatch.app.window.SummingProcessor;
import io.imwatch.classify.Classifier;
import io.imwatch.classify.Route;
import io.imwatch.classify.event.LogEvent;
import io.imwatch.classify.otlp.OtlpBatch;
import io.imwatch.classify.otlp.OtlpDecoder;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.Stores;

/**
 * Builds the imwatch topology from typed settings; a pure function (no I/O). Every processor,
 * store and repartition topic is named, so names stay stable across releases.
 *
 * <pre>
 * inputs ─ read-logs ───────────────────┬─ classify ─┬─ to-enriched ─ topic.enriched
 * OTLP inputs ─ read-otlp ─ expand-otlp ┘     ▲      ├─ to-unknown ─ topic.unknown
 *   (one event per log record;                │      ├─ (no code: counted; to-no-code ─ topic.nocode if nocode.forward)
 *    an unreadable log record → topic.deadletter)    └─ sum-codes ─┬─ counts (windowed, exactly-once) ─ topic.counts
 * (unreadable records and batches: deserialization     (per key,   └─ alerts (spike detector) ─ topic.alerts
 *  handler → topic.deadletter)                │         window)
 * topic.catalog ─ read-catalog ─ apply-catalog (global store catalog-store) ─ LiveCatalog
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

    /** Name of the node that classifies, counts and writes each event. */
    static final String CLASSIFY = "classify";

    private static final String EXPAND_OTLP = "expand-otlp";
    private static final String MERGE_OTLP = "merge-otlp";
    private static final String OTLP_DEAD_LETTERS = "to-otlp-dead-letters";

    /** Name of the global store that mirrors the catalogue topic. */
    public static final String CATALOG_STORE = "catalog-store";

    /**
     * A topology with one fixed catalogue: no catalogue topic.
     *
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
        return build(settings, outputs, null, LiveCatalog.fixed(classifier), alertRules, metrics);
    }

    /**
     * A topology whose catalogue follows a compacted topic: every instance reads {@code catalogTopic}
     * into a global store (restored, by replaying the topic, before any record is processed) and
     * hands each file to {@code catalog}, the injected swap point the classify step reads.
     *
     * @param catalogTopic the catalogue topic (key: file name, value: YAML), or {@code null} for none
     * @param catalog the swap point; its versions' parser (all share the base's envelope and {@code
     *     settings.maxEventBytes()}) deserializes the input records
     */
    public static Topology build(
            StreamSettings settings,
            Outputs outputs,
            TopicSpec<String, byte[]> catalogTopic,
            LiveCatalog catalog,
            AlertRules alertRules,
            ImwatchMetrics metrics) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(catalog, "catalog");
        Classifier classifier = catalog.current().classifier();
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
        List<String> lineTopics = names(settings.inputs(StreamSettings.InputFormat.LINES));
        if (!lineTopics.isEmpty()) {
            logs = builder.stream(
                    lineTopics, Consumed.with(Serdes.ByteArray(), events).withName("read-logs"));
        }
        if (settings.inputPattern().isPresent()) {
            KStream<byte[], LogEvent> matched = builder.stream(
                    settings.inputPattern().get(),
                    Consumed.with(Serdes.ByteArray(), events).withName("read-logs-pattern"));
            logs = logs == null ? matched : logs.merge(matched, Named.as("merge-inputs"));
        }
        List<String> otlpTopics = names(settings.inputs(StreamSettings.InputFormat.OTLP));
        if (!otlpTopics.isEmpty()) {
            // the events go to the merge with the other inputs, or straight to classify without them
            KStream<byte[], LogEvent> otlp = otlpEvents(
                    builder, otlpTopics, settings, classifier, metrics, logs == null ? CLASSIFY : MERGE_OTLP);
            logs = logs == null ? otlp : logs.merge(otlp, Named.as(MERGE_OTLP));
        }

        // the classify step writes each route's record straight to its sink (added below)
        String[] sinks = new String[Route.values().length];
        sinks[Route.ENRICHED.ordinal()] = "to-enriched";
        sinks[Route.UNKNOWN.ordinal()] = "to-unknown";
        if (settings.forwardNoCode()) {
            sinks[Route.NO_CODE.ordinal()] = "to-no-code";
        }
        KStream<byte[], Classified> classified = logs.processValues(
                () -> new ClassifyProcessor(catalog, settings, metrics, sinks, Summing.NODE), Named.as(CLASSIFY));

        // counts and alert signals are sums of the same occurrences: one summing step feeds both
        List<KStream<String, Long>> sums = Summing.addTo(
                builder,
                classified,
                List.of(CountsTopology.sums(settings), AlertsTopology.sums(alertRules)),
                SummingProcessor.maxSpan(settings.countsGrace()));
        CountsTopology.addTo(builder, sums.get(0), outputs.counts(), settings, metrics);
        AlertsTopology.addTo(builder, sums.get(1), outputs.alerts(), settings, alertRules);
        // added last so the stream sub-topologies keep their numbers (task ids, state directories)
        if (catalogTopic != null) {
            builder.addGlobalStore(
                    Stores.keyValueStoreBuilder(
                                    Stores.inMemoryKeyValueStore(CATALOG_STORE),
                                    catalogTopic.keySerde(),
                                    catalogTopic.valueSerde())
                            .withLoggingDisabled(),
                    catalogTopic.name(),
                    Consumed.with(catalogTopic.keySerde(), catalogTopic.valueSerde())
                            .withName("read-catalog"),
                    () -> new CatalogTopicProcessor(CATALOG_STORE, catalog));
        }
        Topology topology = builder.build();
        addSink(topology, sinks[Route.ENRICHED.ordinal()], outputs.enriched());
        addSink(topology, sinks[Route.UNKNOWN.ordinal()], outputs.unknown());
        if (settings.forwardNoCode()) {
            addSink(topology, sinks[Route.NO_CODE.ordinal()], outputs.noCode());
        }
        if (!otlpTopics.isEmpty()) {
            Serializer<byte[]> bytes = Serdes.ByteArray().serializer();
            topology.addSink(OTLP_DEAD_LETTERS, settings.topics().deadLetter(), bytes, bytes, EXPAND_OTLP);
        }
        return topology;
    }

    /**
     * Reads the OTLP topics: each batch becomes one event per readable log record (forwarded to
     * {@code next}: merged into the events of the other inputs, so it is classified, routed, counted
     * and alerted on like any event) and one dead letter per unreadable one (to the sink {@value
     * #OTLP_DEAD_LETTERS}, added to the built topology); a batch that cannot be read at all is
     * dead-lettered whole by the deserialization handler. One sub-topology with the other inputs:
     * a batch is expanded, routed and committed in one task, in one transaction.
     */
    private static KStream<byte[], LogEvent> otlpEvents(
            StreamsBuilder builder,
            List<String> topics,
            StreamSettings settings,
            Classifier classifier,
            ImwatchMetrics metrics,
            String next) {
        Serde<OtlpBatch> batches = Serdes.serdeFrom(
                (topic, batch) -> {
                    throw new UnsupportedOperationException("OTLP batches are never written back");
                },
                new OtlpBatchDeserializer(new OtlpDecoder(classifier.parser(), settings.otlpMaxRecords())));
        return builder.stream(topics, Consumed.with(Serdes.ByteArray(), batches).withName("read-otlp"))
                .process(() -> new ExpandOtlpProcessor(metrics, next, OTLP_DEAD_LETTERS), Named.as(EXPAND_OTLP));
    }

    private static List<String> names(List<StreamSettings.InputTopic> inputs) {
        return inputs.stream().map(StreamSettings.InputTopic::name).toList();
    }

    /**
     * A route's sink under the classify step. Added to the built topology: the DSL gives a node one
     * output type, and the classify step forwards written bytes to the sinks but {@link Classified}
     * values to the summing step. A sink joins its parent's sub-topology, so the numbering stays.
     */
    private static void addSink(Topology topology, String name, TopicSpec<byte[], byte[]> topic) {
        topology.addSink(
                name,
                topic.name(),
                topic.keySerde().serializer(),
                topic.valueSerde().serializer(),
                CLASSIFY);
    }
}
