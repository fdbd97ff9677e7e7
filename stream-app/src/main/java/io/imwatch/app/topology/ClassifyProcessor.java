package io.imwatch.app.topology;

import io.imwatch.app.config.StreamSettings;
import io.imwatch.app.livecatalog.CatalogVersion;
import io.imwatch.app.livecatalog.LiveCatalog;
import io.imwatch.app.metrics.ImwatchMetrics;
import io.imwatch.app.window.Classified;
import io.imwatch.classify.ClassifiedEvent;
import io.imwatch.classify.event.LogEvent;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Classifies each event with the shared core, with its topic's default vendor; counts it; and
 * forwards it with key, headers and timestamp unchanged, stamped with the catalogue version that
 * classified it (read once per record from the {@link LiveCatalog}).
 */
final class ClassifyProcessor implements FixedKeyProcessor<byte[], LogEvent, Classified> {

    private final LiveCatalog catalog;
    private final StreamSettings settings;
    private final ImwatchMetrics metrics;
    /** The configured vendor of each topic seen, empty for a topic without one. */
    private final Map<String, Optional<String>> vendorByTopic = new HashMap<>();

    private FixedKeyProcessorContext<byte[], Classified> context;

    ClassifyProcessor(LiveCatalog catalog, StreamSettings settings, ImwatchMetrics metrics) {
        this.catalog = catalog;
        this.settings = settings;
        this.metrics = metrics;
    }

    @Override
    public void init(FixedKeyProcessorContext<byte[], Classified> context) {
        this.context = context;
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
        long eventTime = EventTimes.choose(event.event().eventTime(), record.timestamp());
        context.forward(record.withValue(new Classified(event, eventTime, version.fingerprint())));
    }
}
