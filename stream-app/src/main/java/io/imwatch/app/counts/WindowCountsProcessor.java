package io.imwatch.app.counts;

import io.imwatch.app.metrics.ImwatchMetrics;
import io.imwatch.app.window.WindowKeys;
import io.imwatch.app.window.WindowProgress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tumbling-window counts, emitted once per key and window when the window closes: its end plus
 * grace has passed in stream time while records arrive, or on the wall clock once none have
 * arrived for a window plus grace. Unlike {@code suppress(untilWindowCloses)}, the last windows
 * of a partition that goes quiet are still emitted.
 *
 * <p>Store keys are the zero-padded window start, NUL, the count key: closed windows are one
 * range scan from the oldest. A reserved key remembers how far windows were emitted, so a record
 * for an emitted window is dropped as late, also after a restart.
 */
final class WindowCountsProcessor implements Processor<String, Long, String, byte[]> {

    private static final Logger log = LoggerFactory.getLogger(WindowCountsProcessor.class);
    private static final String EMITTED_UNTIL = "~emitted-until";
    private static final Duration CHECK_EVERY = Duration.ofSeconds(1);

    private final long size;
    private final long grace;
    private final ImwatchMetrics metrics;
    private ProcessorContext<String, byte[]> context;
    private KeyValueStore<String, Long> counts;
    private long emittedUntil;
    private WindowProgress progress;

    WindowCountsProcessor(long sizeMillis, long graceMillis, ImwatchMetrics metrics) {
        this.size = sizeMillis;
        this.grace = graceMillis;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.progress = new WindowProgress(size + grace, context.currentSystemTimeMs());
        this.counts = context.getStateStore(CountsTopology.STORE);
        Long stored = counts.get(EMITTED_UNTIL);
        this.emittedUntil = stored == null ? Long.MIN_VALUE : stored;
        context.schedule(CHECK_EVERY, PunctuationType.WALL_CLOCK_TIME, this::emitClosed);
    }

    @Override
    public void process(Record<String, Long> record) {
        progress.recordArrived(context.currentSystemTimeMs());
        long start = Math.floorDiv(record.timestamp(), size) * size;
        if (start + size <= emittedUntil) {
            log.debug("late count dropped: {} x{} for the window at {}", record.key(), record.value(), start);
            metrics.lateCounts(CountKey.kind(record.key()), record.value());
            return;
        }
        String key = WindowKeys.of(start, record.key());
        Long count = counts.get(key);
        counts.put(key, count == null ? record.value() : count + record.value());
    }

    /** Emits and forgets every window whose end plus grace has passed. */
    void emitClosed(long now) {
        // windows ending at or before this are final
        long closedBy = progress.at(now, context.currentStreamTimeMs()) - grace;
        long lastStart = Math.floorDiv(closedBy, size) * size - size;
        if (lastStart < 0 || lastStart + size <= emittedUntil) {
            return;
        }
        List<KeyValue<String, Long>> closed = new ArrayList<>();
        try (KeyValueIterator<String, Long> it = counts.range(WindowKeys.padded(0), WindowKeys.through(lastStart))) {
            it.forEachRemaining(closed::add);
        }
        for (KeyValue<String, Long> kv : closed) {
            long start = WindowKeys.windowStart(kv.key);
            String countKey = WindowKeys.key(kv.key);
            context.forward(new Record<>(
                    countKey, CountsJson.write(countKey, start, start + size, kv.value), start + size - 1));
            counts.delete(kv.key);
        }
        emittedUntil = lastStart + size;
        counts.put(EMITTED_UNTIL, emittedUntil);
    }
}
