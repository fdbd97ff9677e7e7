package io.imwatch.app.window;

import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;

/**
 * Builds a {@link SumsStore} over an in-memory, changelogged timestamped store of the same name.
 * The store is its own cache: asking for Kafka Streams' caching layer on top is refused.
 */
public final class SumsStoreBuilder implements StoreBuilder<SumsStore> {

    private final StoreBuilder<TimestampedKeyValueStore<String, Long>> changelogged;

    public SumsStoreBuilder(String name) {
        Objects.requireNonNull(name, "name");
        this.changelogged = Stores.timestampedKeyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore(name), Serdes.String(), Serdes.Long())
                .withCachingDisabled();
    }

    @Override
    public SumsStoreBuilder withCachingEnabled() {
        throw new UnsupportedOperationException("a SumsStore keeps its sums in memory itself; no cache on top");
    }

    @Override
    public SumsStoreBuilder withCachingDisabled() {
        return this;
    }

    @Override
    public SumsStoreBuilder withLoggingEnabled(Map<String, String> config) {
        changelogged.withLoggingEnabled(config);
        return this;
    }

    @Override
    public SumsStoreBuilder withLoggingDisabled() {
        changelogged.withLoggingDisabled();
        return this;
    }

    @Override
    public SumsStore build() {
        return new SumsStore(changelogged.build());
    }

    @Override
    public Map<String, String> logConfig() {
        return changelogged.logConfig();
    }

    @Override
    public boolean loggingEnabled() {
        return changelogged.loggingEnabled();
    }

    @Override
    public String name() {
        return changelogged.name();
    }
}
