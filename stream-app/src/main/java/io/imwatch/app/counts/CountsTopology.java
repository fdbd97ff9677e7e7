package io.imwatch.app.counts;

import io.imwatch.app.config.StreamSettings;
import io.imwatch.app.stream.Classified;
import io.imwatch.app.stream.TopicSpec;
import io.imwatch.app.stream.WindowSums;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Suppressed;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Tumbling-window counts per (vendor, space, class, code) and per (vendor, session-close reason),
 * in event time, summed per source task before the repartition ({@link WindowSums}), emitted
 * once per window when it closes (window end + grace, in stream time: a
 * window of a quiet partition closes when newer records reach that partition).
 * Exact under exactly-once: the store, its changelog and the output commit together.
 */
public final class CountsTopology {

    /** Name of the window store (and so of its changelog topic). */
    public static final String STORE = "counts-store";

    /** Name of the repartition topic (suffix). */
    public static final String REPARTITION = "counts";

    /** Name of the store summing counts per key and window before the repartition. */
    public static final String BUFFER = "count-sums-store";

    /** Name of the buffer holding counts until their window closes (and of its changelog). */
    public static final String SUPPRESS = "counts-until-window-closes";

    private CountsTopology() {}

    public static void addTo(
            KStream<byte[], Classified> classified,
            StreamSettings settings,
            TopicSpec<String, byte[]> counts,
            StreamsBuilder builder) {
        builder.addStateStore(WindowSums.storeBuilder(BUFFER));
        long window = settings.countsWindow().toMillis();
        classified
                .process(() -> new CountKeysProcessor(window), Named.as("count-keys"), BUFFER)
                .groupByKey(Grouped.with(REPARTITION, Serdes.String(), Serdes.Long()))
                .windowedBy(TimeWindows.ofSizeAndGrace(settings.countsWindow(), settings.countsGrace()))
                .reduce(
                        Long::sum,
                        Named.as("count-window"),
                        Materialized.<String, Long, WindowStore<Bytes, byte[]>>as(STORE)
                                .withKeySerde(Serdes.String())
                                .withValueSerde(Serdes.Long()))
                // suppress rather than emitStrategy(onWindowClose()): with the store cache on, the latter's
                // first emit range-scans every segment since 1970, ~10 s per task (Kafka Streams 4.3)
                .suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded())
                        .withName(SUPPRESS))
                .toStream(Named.as("counts-final"))
                .map(
                        (windowed, count) -> KeyValue.pair(windowed.key(), CountsJson.write(windowed, count)),
                        Named.as("counts-json"))
                .to(
                        counts.name(),
                        Produced.with(counts.keySerde(), counts.valueSerde()).withName("to-counts"));
    }
}
