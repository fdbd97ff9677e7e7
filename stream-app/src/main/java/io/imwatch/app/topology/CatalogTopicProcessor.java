package io.imwatch.app.topology;

import io.imwatch.app.livecatalog.LiveCatalog;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The global-store processor of the catalogue topic: mirrors each record into the store and hands
 * it to the {@link LiveCatalog}, which builds and swaps in the new version on this (the global)
 * thread, never on a stream thread. Kafka Streams replays the topic through this processor while it
 * restores the store, before any stream thread processes a record; should a store come back without
 * that replay, {@link #init} applies what it holds, in key order.
 */
final class CatalogTopicProcessor implements Processor<String, byte[], Void, Void> {

    private final String storeName;
    private final LiveCatalog live;
    private KeyValueStore<String, byte[]> store;

    CatalogTopicProcessor(String storeName, LiveCatalog live) {
        this.storeName = storeName;
        this.live = live;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(storeName);
        if (!live.hasApplied()) {
            List<KeyValue<String, byte[]>> held = new ArrayList<>();
            try (KeyValueIterator<String, byte[]> all = store.all()) {
                all.forEachRemaining(held::add);
            }
            held.forEach(kv -> live.apply(kv.key, kv.value));
        }
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.key() != null) {
            if (record.value() == null) {
                store.delete(record.key());
            } else {
                store.put(record.key(), record.value());
            }
        }
        live.apply(record.key(), record.value());
    }
}
