package io.imwatch.app.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imwatch.app.config.ConfigProblem;
import io.imwatch.app.config.ConfigSources;
import io.imwatch.app.config.ConfigValidator;
import io.imwatch.app.config.ImwatchConfig;
import io.imwatch.catalog.Catalog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

class BoundedMemoryRocksDBConfigTest {

    private static final long BUDGET = 8L << 20;

    private static Options configured(String store, long budget) {
        Options options = new Options().setCreateIfMissing(true);
        options.setTableFormatConfig(new BlockBasedTableConfig());
        new BoundedMemoryRocksDBConfig()
                .setConfig(store, options, Map.of(BoundedMemoryRocksDBConfig.TOTAL_BYTES_CONFIG, budget));
        return options;
    }

    @Test
    void shouldGiveEveryStoreTheSameCacheAndWriteBufferManager() {
        try (Options a = configured("counts-store", BUDGET);
                Options b = configured("alerts-store", BUDGET)) {
            BoundedMemoryRocksDBConfig.Shared shared = BoundedMemoryRocksDBConfig.shared(BUDGET);
            assertThat(a.writeBufferManager()).isSameAs(shared.writeBufferManager());
            assertThat(b.writeBufferManager()).isSameAs(shared.writeBufferManager());
            BlockBasedTableConfig table = (BlockBasedTableConfig) a.tableFormatConfig();
            assertThat(table.cacheIndexAndFilterBlocks()).isTrue();
            assertThat(table.cacheIndexAndFilterBlocksWithHighPriority()).isTrue();
            assertThat(table.pinTopLevelIndexAndFilter()).isTrue();
            assertThat(a.maxWriteBufferNumber()).isEqualTo(2);
            assertThat(a.writeBufferSize()).isEqualTo(BUDGET / 16);
        }
    }

    @Test
    void shouldKeepTwoStoresWithinTheBudgetWhileWritingAndReadingMoreThanIt(@TempDir Path dir) throws Exception {
        long budget = 4L << 20;
        BoundedMemoryRocksDBConfig.Shared shared = BoundedMemoryRocksDBConfig.shared(budget);
        Random random = new Random(42);
        byte[] value = new byte[1024];
        long peak = 0;
        List<RocksDB> dbs = new ArrayList<>();
        try (Options a = configured("a", budget);
                Options b = configured("b", budget)) {
            dbs.add(RocksDB.open(a, dir.resolve("a").toString()));
            dbs.add(RocksDB.open(b, dir.resolve("b").toString()));
            // 2 x 16 MiB of values, then every one read back: 8x the budget passes through the cache
            for (int i = 0; i < 16_384; i++) {
                for (RocksDB db : dbs) {
                    random.nextBytes(value);
                    db.put(key(i), value);
                }
                peak = Math.max(peak, shared.cache().getUsage());
            }
            for (RocksDB db : dbs) {
                db.flush(new org.rocksdb.FlushOptions().setWaitForFlush(true));
            }
            for (int i = 0; i < 16_384; i++) {
                for (RocksDB db : dbs) {
                    assertThat(db.get(key(i))).hasSize(1024);
                }
                peak = Math.max(peak, shared.cache().getUsage());
            }
        } finally {
            dbs.forEach(RocksDB::close);
        }
        // the shared cache was used (memtables charged, blocks read) and never went over the budget
        assertThat(peak).isGreaterThan(budget / 4).isLessThanOrEqualTo(budget);
    }

    private static byte[] key(int i) {
        return String.format("key-%08d", i).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    @Test
    void shouldBeTheStreamsConfigSetterSizedFromTheConfigKey(@TempDir Path state) {
        ConfigSources sources = new ConfigSources().add("test", Map.of("rocksdb.memory.mb", "100"));
        ImwatchConfig config = sources.build();
        Properties p = StreamsProperties.of(
                config,
                ConfigValidator.validate(
                        config, sources, Catalog.builder().addBuiltins().build()),
                "localhost:9092",
                state.toString(),
                reason -> {});

        assertThat(p.get(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG)).isEqualTo(BoundedMemoryRocksDBConfig.class);
        assertThat(p.get(BoundedMemoryRocksDBConfig.TOTAL_BYTES_CONFIG)).isEqualTo(100L << 20);
        assertThat(new ConfigSources().build().getInt(ImwatchConfig.ROCKSDB_MEMORY_MB_CONFIG))
                .isEqualTo(256);
    }

    @Test
    void shouldRejectABudgetTooSmallOrNotANumber() {
        assertThatThrownBy(() -> new ConfigSources()
                        .add("command line", Map.of("rocksdb.memory.mb", "8"))
                        .build())
                .isInstanceOf(ConfigProblem.class)
                .hasMessageContaining("Invalid value 8 for configuration rocksdb.memory.mb")
                .hasMessageContaining("set by command line");
        assertThatThrownBy(() -> new ConfigSources()
                        .add("command line", Map.of("rocksdb.memory.mb", "1g"))
                        .build())
                .isInstanceOf(ConfigProblem.class)
                .hasMessageContaining("rocksdb.memory.mb");
    }
}
