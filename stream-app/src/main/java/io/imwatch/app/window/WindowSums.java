package io.imwatch.app.window;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
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
 *
 * <p>The store is written through on every add but read only when a processor starts: an
 * in-memory map of the same sums answers the per-event reads, which through the store's cache,
 * serdes and metering layers cost as much as the write.
 */
public final class WindowSums {

    /** How often sums are forwarded (wall clock); downstream sees counts at most this late. */
    public static final Duration FLUSH_INTERVAL = Duration.ofSeconds(1);

    private final TimestampedKeyValueStore<String, Long> store;
    private final Map<String, Sum> sums = new HashMap<>();
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
        try (KeyValueIterator<String, ValueAndTimestamp<Long>> it = store.all()) {
            // sums a crash or a rebalance left behind: restored with the store, forwarded at the next flush
            it.forEachRemaining(kv -> {
                sums.put(kv.key, new Sum(kv.value.value(), kv.value.timestamp()));
                spanned(kv.value.timestamp());
            });
        }
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
        Sum sum = sums.get(bucket);
        if (sum == null) {
            sum = new Sum(n, eventTime);
            sums.put(bucket, sum);
        } else {
            sum.add(n, eventTime);
        }
        store.put(bucket, ValueAndTimestamp.make(sum.value, sum.latest));
        spanned(eventTime);
    }

    private void spanned(long eventTime) {
        earliest = Math.min(earliest, eventTime);
        latest = Math.max(latest, eventTime);
    }

    /** Whether the sums span more event time than one batch may: forward them now. */
    public boolean isFull() {
        return latest - earliest > maxSpanMs;
    }

    /** Forwards every sum as (key, sum) at its latest event time, oldest window first, and forgets it. */
    public void flush(ProcessorContext<String, Long> context) {
        List<String> buckets = new ArrayList<>(sums.keySet());
        Collections.sort(buckets);
        for (String bucket : buckets) {
            Sum sum = sums.get(bucket);
            context.forward(new Record<>(WindowKeys.key(bucket), sum.value, sum.latest));
            store.delete(bucket);
        }
        sums.clear();
        earliest = Long.MAX_VALUE;
        latest = Long.MIN_VALUE;
    }

    /** One sum and the latest event time it counted; mutable, and private to its map. */
    private static final class Sum {
        private long value;
        private long latest;

        Sum(long value, long latest) {
            this.value = value;
            this.latest = latest;
        }

        void add(long n, long eventTime) {
            value += n;
            latest = Math.max(latest, eventTime);
        }
    }
}
