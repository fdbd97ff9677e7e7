package io.imwatch.app.topology;

import io.imwatch.app.config.StreamSettings;
import io.imwatch.app.livecatalog.CatalogVersion;
import io.imwatch.app.livecatalog.LiveCatalog;
import io.imwatch.app.metrics.ImwatchMetrics;
import io.imwatch.app.window.Classified;
import io.imwatch.classify.ClassifiedEvent;
import io.imwatch.classify.Route;
import io.imwatch.classify.event.LogEvent;
import io.imwatch.classify.output.EnrichFields;
import io.imwatch.classify.output.EnrichedJson;
import io.imwatch.classify.redact.Redactor;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Classifies each event with the shared core, with its topic's default vendor; counts it; writes
 * its route's record ({@link EnrichedJson}, stamped with the catalogue version that classified it,
 * read once per record from the {@link LiveCatalog}) straight to that route's sink; and forwards
 * an event with codes to the summing step. Key, headers and timestamp pass unchanged. One node
 * instead of a route split, a branch and a writer per route: each node a record passes costs the
 * stream thread more than the routing itself.
 */
final class ClassifyProcessor implements FixedKeyProcessor<byte[], LogEvent, Classified> {

    private final LiveCatalog catalog;
    private final StreamSettings settings;
    private final ImwatchMetrics metrics;
    /** The sink node of each route by ordinal; {@code null} for a route that is not written. */
    private final String[] sinks;
    /** The summing node, the one child that takes {@link Classified} values. */
    private final String summing;

    private final Redactor redactor;
    private final EnrichFields fields;
    /** The configured vendor of each topic seen, empty for a topic without one. */
    private final Map<String, Optional<String>> vendorByTopic = new HashMap<>();

    private FixedKeyProcessorContext<byte[], Classified> context;
    /** The same context for the sinks, whose values are the written bytes. */
    private FixedKeyProcessorContext<byte[], byte[]> written;

    /**
     * @param sinks the sink node of each route, by {@link Route} ordinal; {@code null} where a route
     *     is not written
     * @param summing the name of the summing node
     */
    ClassifyProcessor(
            LiveCatalog catalog, StreamSettings settings, ImwatchMetrics metrics, String[] sinks, String summing) {
        this.catalog = catalog;
        this.settings = settings;
        this.metrics = metrics;
        this.sinks = sinks.clone();
        this.summing = summing;
        this.redactor = settings.redactor();
        this.fields = settings.enrichFields();
    }

    @Override
    @SuppressWarnings("unchecked") // the DSL types a node's output as one value type; the sinks take bytes
    public void init(FixedKeyProcessorContext<byte[], Classified> context) {
        this.context = context;
        this.written = (FixedKeyProcessorContext<byte[], byte[]>) (FixedKeyProcessorContext<?, ?>) context;
    }

    @Override
    public void process(FixedKeyRecord<byte[], LogEvent> record) {
        String topic = context.recordMetadata().map(RecordMetadata::topic).orElse("");
        String vendor = vendorByTopic
                .computeIfAbsent(topic, t -> Optional.ofNullable(settings.vendorOf(t)))
                .orElse(null);
        CatalogVersion version = catalog.current();
        ClassifiedEvent event = version.classifier().classify(record.value(), vendor);
        metrics.record(event);
        String sink = sinks[event.route().ordinal()];
        if (sink != null) {
            // dead letters never pass here, so they keep their original bytes
            written.forward(record.withValue(EnrichedJson.write(event, redactor, fields, version.fingerprint())), sink);
        }
        if (!event.codes().isEmpty()) {
            long eventTime = EventTimes.choose(event.event().eventTime(), record.timestamp());
            context.forward(record.withValue(new Classified(event, eventTime, version.fingerprint())), summing);
        }
    }
}
