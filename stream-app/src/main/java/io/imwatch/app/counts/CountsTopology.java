package io.imwatch.app.counts;

import io.imwatch.app.config.StreamSettings;
import io.imwatch.app.config.TopicSpec;
import io.imwatch.app.metrics.ImwatchMetrics;
import io.imwatch.app.window.SumBranch;
import io.imwatch.app.window.Summing;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * Tumbling-window counts per (vendor, space, class, code) and per (vendor, session-close reason),
 * in event time, summed per source task before the repartition ({@link Summing}), emitted
 * once per window when it closes: window end + grace, in stream time while records arrive and on
 * the wall clock once they stop ({@link WindowCountsProcessor}). Exact under exactly-once: the
 * stores, their changelogs and the output commit together.
 */
public final class CountsTopology {

    /** Name of the store of open windows' counts (and so of its changelog topic). */
    public static final String STORE = "count-windows-store";

    /** Name of the repartition topic (suffix). */
    public static final String REPARTITION = "counts";

    /** Name of the store summing counts per key and window before the repartition. */
    public static final String BUFFER = "count-sums-store";

    private CountsTopology() {}

    /** The counts' branch of the summing step ({@link Summing}): a code's count and its session close's. */
    public static SumBranch sums(StreamSettings settings) {
        return new SumBranch(
                "counts", BUFFER, new CountKeys(settings.countsWindow().toMillis()));
    }

    /**
     * Adds the counting branch to {@code builder}.
     *
     * @param builder the topology being built
     * @param sums the counts' sums per key and window, from the {@link #sums} branch of the summing step
     * @param counts the topic the closed windows' counts are written to
     * @param settings the window and its grace ({@code counts.window}, {@code counts.grace})
     * @param metrics where late (uncounted) occurrences are counted
     */
    public static void addTo(
            StreamsBuilder builder,
            KStream<String, Long> sums,
            TopicSpec<String, byte[]> counts,
            StreamSettings settings,
            ImwatchMetrics metrics) {
        builder.addStateStore(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(), Serdes.Long())
                        .withCachingEnabled());
        for (String kind : List.of(CountKey.CODE, CountKey.CLOSE)) {
            metrics.lateCounts(kind, 0); // every kind's series exists from the start, at zero
        }
        long window = settings.countsWindow().toMillis();
        sums.repartition(Repartitioned.with(Serdes.String(), Serdes.Long()).withName(REPARTITION))
                .process(
                        () -> new WindowCountsProcessor(
                                window, settings.countsGrace().toMillis(), metrics),
                        Named.as("count-window"),
                        STORE)
                .to(
                        counts.name(),
                        Produced.with(counts.keySerde(), counts.valueSerde()).withName("to-counts"));
    }
}
