package io.imwatch.app.window;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.TimestampedBytesStore;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

/**
 * Per-(key, window) sums kept in memory between commits and written to a changelogged store only
 * when Kafka Streams is about to commit: one changelog record per changed sum and commit, instead
 * of one cached-store put per occurrence.
 *
 * <p><b>Why exact.</b> Kafka Streams 4.3 commits a task in this order: {@code flushCache()} on
 * every store that is a {@link CachedStateStore} (the caching layer writes its dirty entries down
 * to the changelog here), flush the producer, commit the transaction with the input offsets, and
 * only then {@link StateStore#commit} (the old {@code flush}) for checkpointing. A store's own
 * {@code commit} is therefore too late: what it writes lands in the next transaction, after the
 * offsets of the records it counts. This store writes its dirty sums in {@link #flushCache()},
 * exactly where the caching layer writes its own, so they commit in the same transaction as the
 * offsets; {@link #clearCache()} (a dirty close) drops what was never written. {@code
 * CachedStateStore} is an interface of Kafka Streams' internals: the topology and crash tests pin
 * the behaviour this relies on (see {@code SumsStoreTest}, {@code CrashRestartIT}).
 *
 * <p>The changelog keeps the format of the cached store this replaces ({@link WindowKeys} string
 * key, timestamped long: the sum and the latest event time it counted), so sums pending at an
 * upgrade are carried over. It is a {@link TimestampedBytesStore}: Kafka Streams looks for that mark
 * on the store it registers (this one, not the inner store) to restore the changelog's plain values
 * as timestamped ones.
 *
 * <p>Not thread-safe; one stream thread owns a task's stores.
 */
public final class SumsStore implements StateStore, CachedStateStore<String, Long>, TimestampedBytesStore {

    private static final Comparator<Sum> OLDEST_WINDOW_FIRST =
            Comparator.comparingLong((Sum s) -> s.windowStart).thenComparing(s -> s.key);

    private final TimestampedKeyValueStore<String, Long> changelogged;
    private final Map<Bucket, Sum> sums = new HashMap<>();
    private final List<Sum> dirty = new ArrayList<>();
    private boolean loaded;

    SumsStore(TimestampedKeyValueStore<String, Long> changelogged) {
        this.changelogged = Objects.requireNonNull(changelogged, "changelogged");
    }

    /** One changing sum: {@link #add} to it until the store forwards it ({@link #drain}). */
    public final class Sum {
        private final String key;
        private final long windowStart;
        private long value;
        private long latest = Long.MIN_VALUE;
        private boolean dirty;
        private boolean written;
        private boolean retired;

        private Sum(String key, long windowStart) {
            this.key = key;
            this.windowStart = windowStart;
        }

        public long windowStart() {
            return windowStart;
        }

        /** Adds {@code n} occurrences, the latest at {@code eventTime}. */
        public void add(long n, long eventTime) {
            if (retired) {
                throw new IllegalStateException("sum " + key + "@" + windowStart + " was already forwarded");
            }
            value += n;
            latest = Math.max(latest, eventTime);
            if (!dirty) {
                dirty = true;
                SumsStore.this.dirty.add(this);
            }
        }
    }

    /** Receives the sums {@link #drain} forwards. */
    @FunctionalInterface
    public interface SumConsumer {
        void accept(String key, long sum, long latestEventTime);
    }

    /** The sum of {@code key} in the window starting at {@code windowStart}, created at zero if absent. */
    public Sum sum(String key, long windowStart) {
        load();
        Bucket bucket = new Bucket(key, windowStart);
        Sum sum = sums.get(bucket);
        if (sum == null) {
            sum = new Sum(key, windowStart);
            sums.put(bucket, sum);
        }
        return sum;
    }

    /**
     * Hands every sum to {@code out}, oldest window first, and forgets it (deleting what was
     * written, in the same transaction as the records {@code out} forwards). Every {@link Sum}
     * handed out before is spent: adding to it throws.
     */
    public void drain(SumConsumer out) {
        load();
        List<Sum> all = new ArrayList<>(sums.values());
        all.sort(OLDEST_WINDOW_FIRST);
        for (Sum sum : all) {
            out.accept(sum.key, sum.value, sum.latest);
            if (sum.written) {
                changelogged.delete(WindowKeys.of(sum.windowStart, sum.key));
            }
            sum.retired = true;
        }
        sums.clear();
        dirty.clear();
    }

    /**
     * Reads the sums again from the changelogged store, which holds everything committed, and
     * returns their latest event times: for a processor starting on this store. The store may have
     * been a standby's since it last ran, so what memory held then is stale.
     */
    public List<Long> reload() {
        forget();
        load();
        return sums.values().stream().map(s -> s.latest).toList();
    }

    /** Reads the sums a crash or a rebalance left in the changelogged store, once after it is restored. */
    private void load() {
        if (loaded) {
            return;
        }
        loaded = true;
        try (KeyValueIterator<String, ValueAndTimestamp<Long>> it = changelogged.all()) {
            while (it.hasNext()) {
                KeyValue<String, ValueAndTimestamp<Long>> kv = it.next();
                Sum sum = new Sum(WindowKeys.key(kv.key), WindowKeys.windowStart(kv.key));
                sum.value = kv.value.value();
                sum.latest = kv.value.timestamp();
                sum.written = true;
                sums.put(new Bucket(sum.key, sum.windowStart), sum);
            }
        }
    }

    /** Writes the sums changed since the last commit down to the changelogged store: just before a commit. */
    @Override
    public void flushCache() {
        for (Sum sum : dirty) {
            if (!sum.retired) {
                changelogged.put(
                        WindowKeys.of(sum.windowStart, sum.key), ValueAndTimestamp.make(sum.value, sum.latest));
                sum.written = true;
            }
            sum.dirty = false;
        }
        dirty.clear();
    }

    /** A dirty close: what was not written is dropped; the changelog holds the last commit's sums. */
    @Override
    public void clearCache() {
        forget();
    }

    @Override
    public boolean setFlushListener(CacheFlushListener<String, Long> listener, boolean sendOldValues) {
        return false; // nothing downstream reads this store's changes
    }

    @Override
    public String name() {
        return changelogged.name();
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        forget();
        changelogged.init(context, root);
    }

    @Override
    public void commit(Map<TopicPartition, Long> changelogOffsets) {
        flushCache(); // a no-op after the flushCache() before every commit
        changelogged.commit(changelogOffsets);
    }

    @Override
    public void close() {
        forget();
        changelogged.close();
    }

    @Override
    public boolean persistent() {
        return changelogged.persistent();
    }

    @Override
    public boolean isOpen() {
        return changelogged.isOpen();
    }

    @Override
    public Position getPosition() {
        return changelogged.getPosition();
    }

    private void forget() {
        sums.values().forEach(s -> s.retired = true);
        sums.clear();
        dirty.clear();
        loaded = false;
    }

    private record Bucket(String key, long windowStart) {}
}
