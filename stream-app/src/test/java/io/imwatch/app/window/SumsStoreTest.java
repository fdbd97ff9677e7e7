package io.imwatch.app.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sums store over a plain store standing for its changelog: what reaches it is what a commit
 * would carry, and what a restore would give back after a crash.
 */
class SumsStoreTest {

    private final MockProcessorContext<String, Long> context = new MockProcessorContext<>();
    private TimestampedKeyValueStore<String, Long> changelog;
    private SumsStore store;

    @BeforeEach
    void openStore() {
        changelog = Stores.timestampedKeyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore("sums"), Serdes.String(), Serdes.Long())
                .withLoggingDisabled()
                .withCachingDisabled()
                .build();
        store = open();
    }

    /** A store over the same changelogged data, as after a restart that restored it. */
    private SumsStore open() {
        SumsStore opened = new SumsStore(changelog);
        opened.init(context.getStateStoreContext(), opened);
        return opened;
    }

    @Test
    void shouldKeepSumsInMemoryUntilTheCommitAndThenWriteEachChangedSumOnce() {
        SumsStore.Sum a = store.sum("a", 60_000);
        a.add(1, 61_000);
        a.add(2, 60_500);
        store.sum("b", 0).add(1, 1_000);
        assertThat(entries()).as("nothing written between commits").isEmpty();

        store.flushCache();

        assertThat(entries())
                .containsExactly(
                        KeyValue.pair(WindowKeys.of(0, "b"), ValueAndTimestamp.make(1L, 1_000L)),
                        KeyValue.pair(WindowKeys.of(60_000, "a"), ValueAndTimestamp.make(3L, 61_000L)));
        a.add(4, 62_000);
        store.flushCache();
        assertThat(changelog.get(WindowKeys.of(60_000, "a"))).isEqualTo(ValueAndTimestamp.make(7L, 62_000L));
    }

    @Test
    void shouldLoseNothingCommittedAndDoubleNothingWhenKilledBetweenWritesAndTheCommit() {
        store.sum("a", 0).add(5, 1_000);
        store.flushCache(); // committed: 5
        store.sum("a", 0).add(2, 2_000); // counted in memory only; the crash comes before the commit
        store.clearCache(); // what Kafka Streams does on a dirty close

        SumsStore restarted = open();
        List<String> forwarded = drain(restarted);

        // the 2 uncommitted occurrences are read again from the uncommitted input offsets, not restored
        assertThat(forwarded).containsExactly("a=5@1000");
        assertThat(entries()).as("forwarded sums are deleted").isEmpty();
    }

    @Test
    void shouldContinueSumsLeftInTheStoreAndForwardThemOldestWindowFirst() {
        changelog.put(WindowKeys.of(60_000, "a"), ValueAndTimestamp.make(5L, 61_000L)); // left by a crash
        SumsStore restarted = open();
        assertThat(restarted.reload()).containsExactly(61_000L);

        restarted.sum("a", 60_000).add(2, 62_000);
        restarted.sum("b", 0).add(1, 1_000);

        assertThat(drain(restarted)).containsExactly("b=1@1000", "a=7@62000");
        restarted.flushCache();
        assertThat(entries()).isEmpty();
    }

    @Test
    void shouldRefuseToAddToASumItHasForwarded() {
        SumsStore.Sum a = store.sum("a", 0);
        a.add(1, 1_000);
        drain(store);

        assertThatThrownBy(() -> a.add(1, 1_500)).isInstanceOf(IllegalStateException.class);
        store.sum("a", 0).add(1, 1_500);
        assertThat(drain(store)).containsExactly("a=1@1500");
    }

    @Test
    void shouldReloadWhatWasCommittedMeanwhileWhenAProcessorStartsAgain() {
        store.sum("a", 0).add(1, 1_000);
        store.flushCache();
        // meanwhile a standby of this task restores another instance's commits into the store
        changelog.put(WindowKeys.of(0, "a"), ValueAndTimestamp.make(4L, 3_000L));

        assertThat(store.reload()).containsExactly(3_000L);
        assertThat(drain(store)).containsExactly("a=4@3000");
    }

    @Test
    void shouldWriteNothingForASumForwardedBeforeAnyCommit() {
        store.sum("a", 0).add(1, 1_000);
        drain(store);
        store.flushCache();

        assertThat(entries()).isEmpty();
    }

    private static List<String> drain(SumsStore sums) {
        List<String> out = new ArrayList<>();
        sums.drain((key, sum, latest) -> out.add(key + "=" + sum + "@" + latest));
        return out;
    }

    private List<KeyValue<String, ValueAndTimestamp<Long>>> entries() {
        try (KeyValueIterator<String, ValueAndTimestamp<Long>> it = changelog.all()) {
            List<KeyValue<String, ValueAndTimestamp<Long>>> all = new ArrayList<>();
            it.forEachRemaining(all::add);
            return all;
        }
    }
}
