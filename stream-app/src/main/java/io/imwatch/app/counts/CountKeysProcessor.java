package io.imwatch.app.counts;

import io.imwatch.app.stream.Classified;
import io.imwatch.classify.ClassifiedCode;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/** One record per count an event adds to, keyed by {@link CountKey} and stamped with the event's own time. */
final class CountKeysProcessor implements Processor<byte[], Classified, String, Long> {

    private ProcessorContext<String, Long> context;

    @Override
    public void init(ProcessorContext<String, Long> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], Classified> record) {
        long time = record.value().eventTime();
        for (ClassifiedCode code : record.value().event().codes()) {
            context.forward(new Record<>(CountKey.code(code), 1L, time));
            String close = CountKey.close(code);
            if (close != null) {
                context.forward(new Record<>(close, 1L, time));
            }
        }
    }
}
