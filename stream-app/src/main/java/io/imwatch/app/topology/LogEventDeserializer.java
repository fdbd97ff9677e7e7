package io.imwatch.app.topology;

import io.imwatch.classify.event.LogEvent;
import io.imwatch.classify.event.LogEventParser;
import io.imwatch.classify.event.MalformedEventException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads record values into {@link LogEvent}s. An unreadable value (bad UTF-8, broken JSON, too
 * large) throws {@link MalformedEventException}, which Kafka Streams hands to the deserialization
 * exception handler, which dead-letters it with its original bytes.
 */
public final class LogEventDeserializer implements Deserializer<LogEvent> {

    private final LogEventParser parser;

    public LogEventDeserializer(LogEventParser parser) {
        this.parser = parser;
    }

    @Override
    public LogEvent deserialize(String topic, byte[] data) {
        // year-less (logcat) times take the current year; the record timestamp is not available here
        return parser.parse(data, System.currentTimeMillis());
    }
}
