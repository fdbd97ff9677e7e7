package io.imwatch.app.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WindowSumsTest {

    private final MockProcessorContext<String, Long> context = new MockProcessorContext<>();
    private TimestampedKeyValueStore<String, Long> store;

    @BeforeEach
    void openStore() {
        store = WindowSums.storeBuilder("sums")
                .withCachingDisabled()
                .withLoggingDisabled()
                .build();
        store.init(context.getStateStoreContext(), store);
    }

    @Test
    void shouldWriteEverySumThroughToTheStore() {
        WindowSums sums = new WindowSums(store, 10_000);

        sums.add("a", 60_000, 61_000, 1);
        sums.add("a", 60_000, 60_500, 2);

        assertThat(store.get(WindowKeys.of(60_000, "a"))).isEqualTo(ValueAndTimestamp.make(3L, 61_000L));
    }

    @Test
    void shouldContinueSumsLeftInTheStoreAndForwardThemOldestWindowFirst() {
        store.put(WindowKeys.of(60_000, "a"), ValueAndTimestamp.make(5L, 61_000L)); // left by a crash
        WindowSums sums = new WindowSums(store, 10_000);

        sums.add("a", 60_000, 62_000, 2);
        sums.add("b", 0, 1_000, 1);
        sums.flush(context);

        assertThat(context.forwarded())
                .extracting(forward -> {
                    Record<? extends String, ? extends Long> r = forward.record();
                    return r.key() + "=" + r.value() + "@" + r.timestamp();
                })
                .containsExactly("b=1@1000", "a=7@62000");
        assertThat(entries()).isEmpty();
    }

    @Test
    void shouldCountAStoredSumsTimeTowardsTheBatchSpan() {
        store.put(WindowKeys.of(0, "a"), ValueAndTimestamp.make(1L, 1_000L));
        WindowSums sums = new WindowSums(store, 10_000);

        sums.add("a", 0, 5_000, 1);
        assertThat(sums.isFull()).isFalse();
        sums.add("a", 0, 11_001, 1);
        assertThat(sums.isFull()).isTrue();
    }

    private List<KeyValue<String, ValueAndTimestamp<Long>>> entries() {
        try (KeyValueIterator<String, ValueAndTimestamp<Long>> it = store.all()) {
            List<KeyValue<String, ValueAndTimestamp<Long>>> all = new ArrayList<>();
            it.forEachRemaining(all::add);
            return all;
        }
    }
}
