package io.imwatch.app.topology;

import io.imwatch.app.metrics.ImwatchMetrics;
import io.imwatch.classify.event.LogEvent;
import io.imwatch.classify.otlp.OtlpBatch;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * One OTLP batch in, one record per log record out: each readable record as an event with the
 * batch's key, a copy of its headers, and its own time (its {@code timeUnixNano}, else {@code
 * observedTimeUnixNano}, else the batch's timestamp; a time over a minute ahead of the batch is not
 * trusted: {@link EventTimes}); each unreadable one as a dead letter ({@link
 * DeadLetters#forOtlpRecord}), straight to the dead-letter sink. All in the task that read the
 * batch, so in its transaction: under exactly-once a batch's outputs and its offset commit together
 * or not at all.
 */
final class ExpandOtlpProcessor implements Processor<byte[], OtlpBatch, byte[], LogEvent> {

    private final ImwatchMetrics metrics;
    /** The node the events go to, the one child that takes {@link LogEvent} values. */
    private final String events;
    /** The dead-letter sink node. */
    private final String deadLetters;

    private ProcessorContext<byte[], LogEvent> context;
    /** The same context for the dead-letter sink, whose values are bytes. */
    private ProcessorContext<byte[], byte[]> raw;

    /**
     * @param events the name of the node the events go to
     * @param deadLetters the name of the dead-letter sink node
     */
    ExpandOtlpProcessor(ImwatchMetrics metrics, String events, String deadLetters) {
        this.metrics = metrics;
        this.events = events;
        this.deadLetters = deadLetters;
    }

    @Override
    @SuppressWarnings("unchecked") // the DSL types a node's output as one value type; the sink takes bytes
    public void init(ProcessorContext<byte[], LogEvent> context) {
        this.context = context;
        this.raw = (ProcessorContext<byte[], byte[]>) (ProcessorContext<?, ?>) context;
    }

    @Override
    public void process(Record<byte[], OtlpBatch> batch) {
        if (batch.value() == null) {
            return; // a tombstone: an empty batch, no log record to route
        }
        for (OtlpBatch.Event event : batch.value().events()) {
            context.forward(
                    new Record<>(
                            batch.key(),
                            event.event(),
                            EventTimes.choose(event.timeMillis(), batch.timestamp()),
                            new RecordHeaders(batch.headers().toArray())),
                    events);
        }
        if (batch.value().failures().isEmpty()) {
            return;
        }
        RecordMetadata source = context.recordMetadata().orElseThrow();
        for (OtlpBatch.Failure failure : batch.value().failures()) {
            metrics.deadLetter(failure.reason());
            raw.forward(
                    new Record<>(
                            batch.key(),
                            failure.raw(),
                            batch.timestamp(),
                            DeadLetters.forOtlpRecord(
                                    batch.headers(),
                                    failure.reason(),
                                    failure.message(),
                                    source.topic(),
                                    source.partition(),
                                    source.offset(),
                                    batch.timestamp(),
                                    failure.index())),
                    deadLetters);
        }
    }
}
