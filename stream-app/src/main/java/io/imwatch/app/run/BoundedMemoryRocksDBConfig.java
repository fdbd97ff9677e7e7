package io.imwatch.app.run;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the off-heap memory of all RocksDB stores of the process, Kafka Streams' documented
 * pattern ("Bounding total memory" in the Kafka Streams memory-management docs): every store shares
 * one LRU block cache with a strict capacity of {@link #TOTAL_BYTES_CONFIG} bytes; index and filter
 * blocks live in that cache (high priority) instead of beside it; memtables are charged against the
 * same cache through one shared {@link WriteBufferManager} limited to a quarter of it. So the number
 * of stores (tasks, standbys, what a failover adds) no longer multiplies RocksDB's memory.
 *
 * <p>Set as {@code rocksdb.config.setter} by {@link StreamsProperties}; the size comes from
 * {@code rocksdb.memory.mb}. Caveat of a strict limit: if pinned blocks and memtables ever filled the
 * whole cache, a read would fail rather than exceed it; the memtable quarter and the small
 * high-priority pool leave most of it evictable.
 */
public final class BoundedMemoryRocksDBConfig implements RocksDBConfigSetter {

    /** Streams config (bytes, a {@code Long}) read by {@link #setConfig}: the whole budget. */
    public static final String TOTAL_BYTES_CONFIG = "imwatch.rocksdb.memory.bytes";

    /** Share of the cache kept for index and filter blocks (Kafka's example uses 0.1). */
    static final double INDEX_FILTER_BLOCK_RATIO = 0.1;

    private static final long MAX_MEMTABLE_BYTES = 16L << 20;

    // one cache and write buffer manager per budget, for the life of the process (shared by every
    // store of every KafkaStreams instance of that budget; closing them with a store would break the others)
    private static final Map<Long, Shared> SHARED = new ConcurrentHashMap<>();

    /** The cache and write buffer manager every store of one budget shares. */
    record Shared(Cache cache, WriteBufferManager writeBufferManager, long memtableBytes) {
        static Shared of(long totalBytes) {
            Cache cache = new LRUCache(totalBytes, -1, true, INDEX_FILTER_BLOCK_RATIO);
            long memtables = totalBytes / 4;
            return new Shared(cache, new WriteBufferManager(memtables, cache), memtables);
        }
    }

    static Shared shared(long totalBytes) {
        return SHARED.computeIfAbsent(totalBytes, Shared::of);
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        Object total = Objects.requireNonNull(configs.get(TOTAL_BYTES_CONFIG), TOTAL_BYTES_CONFIG);
        Shared shared = shared(((Number) total).longValue());
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(shared.cache());
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setWriteBufferManager(shared.writeBufferManager());
        // at most 2 memtables per store, each no bigger than a quarter of the shared memtable budget
        options.setMaxWriteBufferNumber(2);
        options.setWriteBufferSize(Math.min(MAX_MEMTABLE_BYTES, shared.memtableBytes() / 4));
        options.setTableFormatConfig(table);
    }

    @Override
    public void close(String storeName, Options options) {
        // the cache and write buffer manager are shared by every store: never closed here
    }
}
