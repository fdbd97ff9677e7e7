package io.imwatch.app.topology;

import io.imwatch.classify.event.MalformedEventException;
import io.imwatch.classify.event.MalformedReason;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/**
 * Builds dead-letter records: the original key, value, timestamp and headers, plus headers saying
 * why and where from. Shared by the deserialization, processing and production exception handlers.
 *
 * <p>Headers: {@value #REASON}, {@value #SOURCE_TOPIC}, {@value #SOURCE_PARTITION},
 * {@value #SOURCE_OFFSET}, {@value #SOURCE_TIMESTAMP}, {@value #EXCEPTION_CLASS},
 * {@value #EXCEPTION_MESSAGE}; the values are UTF-8 text. A log record of an OTLP batch that cannot
 * be read is dead-lettered on its own ({@link #forOtlpRecord}): its own bytes, the batch's
 * coordinates as the source, and {@value #SOURCE_RECORD_INDEX}, its index in the batch.
 */
public final class DeadLetters {

    public static final String REASON = "imwatch.deadletter.reason";
    public static final String SOURCE_TOPIC = "imwatch.source.topic";
    public static final String SOURCE_PARTITION = "imwatch.source.partition";
    public static final String SOURCE_OFFSET = "imwatch.source.offset";
    public static final String SOURCE_TIMESTAMP = "imwatch.source.timestamp";
    public static final String EXCEPTION_CLASS = "imwatch.exception.class";
    public static final String EXCEPTION_MESSAGE = "imwatch.exception.message";
    /** The log record's position (from 0) in its OTLP batch, when one record of a batch is dead-lettered. */
    public static final String SOURCE_RECORD_INDEX = "imwatch.source.record.index";

    /** Config key under which a {@code Consumer<MalformedReason>} is handed to the handlers (for metrics). */
    public static final String LISTENER_CONFIG = "imwatch.deadletter.listener";

    private final String topic;
    private final Consumer<MalformedReason> listener;

    private DeadLetters(String topic, Consumer<MalformedReason> listener) {
        this.topic = topic;
        this.listener = listener;
    }

    /** Reads the dead-letter topic and listener from the handler's configs. */
    @SuppressWarnings("unchecked")
    static DeadLetters from(Map<String, ?> configs) {
        Object topic = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
        if (topic == null) {
            throw new IllegalStateException(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG
                    + " must be set: imwatch never drops unreadable records");
        }
        Object listener = configs.get(LISTENER_CONFIG);
        return new DeadLetters(
                String.valueOf(topic), listener instanceof Consumer<?> c ? (Consumer<MalformedReason>) c : r -> {});
    }

    /** The one dead-letter record for the record that failed, as Streams will produce it (in the same transaction). */
    List<ProducerRecord<byte[], byte[]>> record(ErrorHandlerContext context, Exception exception) {
        MalformedReason reason =
                exception instanceof MalformedEventException m ? m.reason() : MalformedReason.PROCESSING_ERROR;
        listener.accept(reason);
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(
                topic, null, context.timestamp(), context.sourceRawKey(), context.sourceRawValue());
        if (context.headers() != null) {
            for (Header header : context.headers()) {
                if (!header.key().startsWith("imwatch.")) {
                    record.headers().add(header);
                }
            }
        }
        add(record, REASON, reason.id());
        add(record, SOURCE_TOPIC, context.topic());
        add(record, SOURCE_PARTITION, Integer.toString(context.partition()));
        add(record, SOURCE_OFFSET, Long.toString(context.offset()));
        add(record, SOURCE_TIMESTAMP, Long.toString(context.timestamp()));
        add(record, EXCEPTION_CLASS, exception.getClass().getName());
        add(record, EXCEPTION_MESSAGE, String.valueOf(exception.getMessage()));
        return List.of(record);
    }

    /**
     * The headers of the dead letter of one unreadable log record of an OTLP batch: the batch's own
     * headers, then why and where from (the batch's topic, partition, offset and timestamp, the
     * record's index). Its value is the record's own bytes; the rest of the batch is routed.
     */
    static Headers forOtlpRecord(
            Headers batchHeaders,
            MalformedReason reason,
            String message,
            String topic,
            int partition,
            long offset,
            long timestamp,
            int index) {
        Headers headers = new RecordHeaders();
        for (Header header : batchHeaders) {
            if (!header.key().startsWith("imwatch.")) {
                headers.add(header);
            }
        }
        add(headers, REASON, reason.id());
        add(headers, SOURCE_TOPIC, topic);
        add(headers, SOURCE_PARTITION, Integer.toString(partition));
        add(headers, SOURCE_OFFSET, Long.toString(offset));
        add(headers, SOURCE_TIMESTAMP, Long.toString(timestamp));
        add(headers, SOURCE_RECORD_INDEX, Integer.toString(index));
        add(headers, EXCEPTION_MESSAGE, message);
        return headers;
    }

    private static void add(ProducerRecord<byte[], byte[]> record, String key, String value) {
        add(record.headers(), key, value);
    }

    private static void add(Headers headers, String key, String value) {
        headers.add(key, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }
}
