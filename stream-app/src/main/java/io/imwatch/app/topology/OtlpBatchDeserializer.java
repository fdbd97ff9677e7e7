package io.imwatch.app.topology;

import io.imwatch.classify.event.MalformedEventException;
import io.imwatch.classify.otlp.OtlpBatch;
import io.imwatch.classify.otlp.OtlpDecoder;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads the records of OTLP input topics into {@link OtlpBatch}es. A batch that cannot be read at
 * all throws {@link MalformedEventException}, which Kafka Streams hands to the deserialization
 * exception handler, which dead-letters it whole with its original bytes.
 */
final class OtlpBatchDeserializer implements Deserializer<OtlpBatch> {

    private final OtlpDecoder decoder;

    OtlpBatchDeserializer(OtlpDecoder decoder) {
        this.decoder = decoder;
    }

    @Override
    public OtlpBatch deserialize(String topic, byte[] data) {
        // year-less (logcat) times take the current year; the record timestamp is not available here
        return decoder.decode(data, System.currentTimeMillis());
    }
}
