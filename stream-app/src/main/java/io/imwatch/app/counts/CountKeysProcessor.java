package io.imwatch.app.counts;

import io.imwatch.app.stream.Classified;
import io.imwatch.app.stream.WindowSums;
import io.imwatch.classify.ClassifiedCode;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Counts what each event adds to, keyed by {@link CountKey}, in the event's own time: summed per
 * key and window here, and forwarded as sums (see {@link WindowSums}) to the final count.
 */
final class CountKeysProcessor implements Processor<byte[], Classified, String, Long> {

    private final long window;
    private final long maxSpan;
    private WindowSums sums;
    private ProcessorContext<String, Long> context;

    CountKeysProcessor(long windowMillis, long maxSpanMillis) {
        this.window = windowMillis;
        this.maxSpan = maxSpanMillis;
    }

    @Override
    public void init(ProcessorContext<String, Long> context) {
        this.context = context;
        sums = new WindowSums(context.getStateStore(CountsTopology.BUFFER), maxSpan);
        context.schedule(WindowSums.FLUSH_INTERVAL, PunctuationType.WALL_CLOCK_TIME, now -> sums.flush(context));
    }

    @Override
    public void process(Record<byte[], Classified> record) {
        long time = record.value().eventTime();
        long windowStart = Math.floorDiv(time, window) * window;
        for (ClassifiedCode code : record.value().event().codes()) {
            sums.add(CountKey.code(code), windowStart, time, 1);
            String close = CountKey.close(code);
            if (close != null) {
                sums.add(close, windowStart, time, 1);
            }
        }
        if (sums.isFull()) {
            sums.flush(context);
        }
    }
}
