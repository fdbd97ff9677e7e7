package io.imwatch.app.window;

import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Turns each classified event into per-window sums (what a subclass {@link #add}s) and forwards
 * them every {@link WindowSums#FLUSH_INTERVAL}, or sooner when a batch spans too much event time.
 */
public abstract class SummingProcessor implements Processor<byte[], Classified, String, Long> {

    private final String storeName;
    private final long maxSpanMs;
    private ProcessorContext<String, Long> context;
    private WindowSums sums;

    /** {@code storeName}: a {@link WindowSums#storeBuilder} store connected to this processor. */
    protected SummingProcessor(String storeName, long maxSpanMs) {
        this.storeName = storeName;
        this.maxSpanMs = maxSpanMs;
    }

    @Override
    public final void init(ProcessorContext<String, Long> context) {
        this.context = context;
        this.sums = new WindowSums(context.getStateStore(storeName), maxSpanMs);
        context.schedule(WindowSums.FLUSH_INTERVAL, PunctuationType.WALL_CLOCK_TIME, now -> sums.flush(context));
    }

    @Override
    public final void process(Record<byte[], Classified> record) {
        add(record.value(), sums);
        if (sums.isFull()) {
            sums.flush(context);
        }
    }

    /** Adds what {@code event} counts for to {@code sums}. */
    protected abstract void add(Classified event, WindowSums sums);
}
