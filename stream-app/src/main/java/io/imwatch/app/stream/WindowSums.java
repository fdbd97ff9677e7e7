package io.imwatch.app.stream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Sums per (key, window) before a repartition, so that one record per key, window and flush
 * crosses the broker instead of one per occurrence. The sums live in a cached, changelogged
 * store: they commit with the input offsets, so a crash neither loses nor doubles a count, and
 * {@link #flush} forwards and deletes them in the same transaction. Each forwarded sum carries
 * the latest event time it counted, so downstream windows and stream time stay in event time.
 */
public final class WindowSums {

    /** How often sums are forwarded (wall clock); downstream sees counts at most this late. */
    public static final Duration FLUSH_INTERVAL = Duration.ofSeconds(1);

    private final TimestampedKeyValueStore<String, Long> store;
    private final long maxSpanMs;
    private long earliest = Long.MAX_VALUE;
    private long latest = Long.MIN_VALUE;

    /**
     * @param maxSpanMs how much event time one batch of sums may span before it is forwarded early.
     *     Forwarding reorders events within a batch, so it must stay well inside the grace period
     *     downstream: reading a backlog, one second covers minutes of event time.
     */
    public WindowSums(TimestampedKeyValueStore<String, Long> store, long maxSpanMs) {
        this.store = store;
        this.maxSpanMs = maxSpanMs;
    }

    /** The span for a downstream grace period: half of it, so that batching never makes a record late. */
    public static long maxSpan(Duration grace) {
        return grace.toMillis() / 2;
    }

    /** An in-memory, changelogged, cached store for the sums of one processor. */
    public static StoreBuilder<TimestampedKeyValueStore<String, Long>> storeBuilder(String name) {
        return Stores.timestampedKeyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore(name), Serdes.String(), Serdes.Long())
                .withCachingEnabled();
    }

    /** Adds {@code n} to {@code key}'s sum in the window starting at {@code windowStart}. */
    public void add(String key, long windowStart, long eventTime, long n) {
        // window first: a flush forwards the oldest windows first
        String bucket = WindowKeys.of(windowStart, key);
        ValueAndTimestamp<Long> sum = store.get(bucket);
        store.put(
                bucket,
                sum == null
                        ? ValueAndTimestamp.make(n, eventTime)
                        : ValueAndTimestamp.make(sum.value() + n, Math.max(sum.timestamp(), eventTime)));
        earliest = Math.min(earliest, eventTime);
        latest = Math.max(latest, eventTime);
    }

    /** Whether the sums span more event time than one batch may: forward them now. */
    public boolean isFull() {
        return latest - earliest > maxSpanMs;
    }

    /** Forwards every sum as (key, sum) at its latest event time, oldest window first, and forgets it. */
    public void flush(ProcessorContext<String, Long> context) {
        List<KeyValue<String, ValueAndTimestamp<Long>>> sums = new ArrayList<>();
        try (KeyValueIterator<String, ValueAndTimestamp<Long>> it = store.all()) {
            it.forEachRemaining(sums::add);
        }
        for (KeyValue<String, ValueAndTimestamp<Long>> sum : sums) {
            context.forward(new Record<>(WindowKeys.key(sum.key), sum.value.value(), sum.value.timestamp()));
            store.delete(sum.key);
        }
        earliest = Long.MAX_VALUE;
        latest = Long.MIN_VALUE;
    }
}
