package io.imwatch.app.topology;

import io.imwatch.app.metrics.ImwatchMetrics;
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
 * DeadLetters#forOtlpRecord}). All in the task that read the batch, so in its transaction: under
 * exactly-once a batch's outputs and its offset commit together or not at all.
 */
final class ExpandOtlpProcessor implements Processor<byte[], OtlpBatch, byte[], OtlpItem> {

    private final ImwatchMetrics metrics;
    private ProcessorContext<byte[], OtlpItem> context;

    ExpandOtlpProcessor(ImwatchMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<byte[], OtlpItem> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], OtlpBatch> batch) {
        if (batch.value() == null) {
            return; // a tombstone: an empty batch, no log record to route
        }
        for (OtlpBatch.Event event : batch.value().events()) {
            context.forward(new Record<>(
                    batch.key(),
                    new OtlpItem(event.event(), null),
                    EventTimes.choose(event.timeMillis(), batch.timestamp()),
                    new RecordHeaders(batch.headers().toArray())));
        }
        if (batch.value().failures().isEmpty()) {
            return;
        }
        RecordMetadata source = context.recordMetadata().orElseThrow();
        for (OtlpBatch.Failure failure : batch.value().failures()) {
            metrics.deadLetter(failure.reason());
            context.forward(new Record<>(
                    batch.key(),
                    new OtlpItem(null, failure.raw()),
                    batch.timestamp(),
                    DeadLetters.forOtlpRecord(
                            batch.headers(),
                            failure.reason(),
                            failure.message(),
                            source.topic(),
                            source.partition(),
                            source.offset(),
                            batch.timestamp(),
                            failure.index())));
        }
    }
}
