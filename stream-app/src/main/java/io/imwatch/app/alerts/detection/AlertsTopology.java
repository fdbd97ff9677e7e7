package io.imwatch.app.alerts.detection;

import io.imwatch.app.alerts.rules.AlertRules;
import io.imwatch.app.config.StreamSettings;
import io.imwatch.app.config.TopicSpec;
import io.imwatch.app.window.SumBranch;
import io.imwatch.app.window.Summing;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The in-stream alerting: codes that alert rules count become per-series signals, summed per
 * series and window ({@link Summing}, beside the counts), repartitioned by series so that one task owns each series, then judged window by window by the spike detector.
 */
public final class AlertsTopology {

    /** Name of the detector's series store (and so of its changelog topic). */
    public static final String STORE = "alert-series-store";

    /** Name of the store of per-series window counts. */
    public static final String COUNTS_STORE = "alert-window-counts-store";

    /** Name of the store summing signals per series and window before the repartition. */
    public static final String SIGNAL_SUMS = "alert-signal-sums-store";

    /** Name of the repartition topic (suffix). */
    public static final String REPARTITION = "alert-signals";

    private AlertsTopology() {}

    /** The alert signals' branch of the summing step ({@link Summing}): one signal per rule that counts a code. */
    public static SumBranch sums(AlertRules rules) {
        return new SumBranch("alert-signals", SIGNAL_SUMS, new AlertSignals(rules));
    }

    /**
     * Adds the alerting branch to {@code builder}: the same parameter order as {@code
     * CountsTopology.addTo}, then what only alerts need.
     *
     * @param builder the topology being built
     * @param signals the signals' sums per series and window, from the {@link #sums} branch of the summing step
     * @param alerts the topic alert events are written to
     * @param settings windows (alert windows share {@code counts.grace}, see {@code
     *     ImwatchConfig.COUNTS_GRACE_CONFIG}), evaluation interval and the alerts' generator URL
     * @param rules the alert rules to evaluate
     */
    public static void addTo(
            StreamsBuilder builder,
            KStream<String, Long> signals,
            TopicSpec<String, byte[]> alerts,
            StreamSettings settings,
            AlertRules rules) {
        builder.addStateStore(Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(STORE), Serdes.String(), new SeriesStateSerde())
                .withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(COUNTS_STORE), Serdes.String(), Serdes.Long())
                .withCachingEnabled());
        signals.repartition(Repartitioned.with(Serdes.String(), Serdes.Long()).withName(REPARTITION))
                .process(
                        () -> new SpikeDetectorProcessor(
                                rules,
                                settings.countsGrace(),
                                settings.alertsEvaluationInterval(),
                                settings.generatorUrl()),
                        Named.as("spike-detector"),
                        STORE,
                        COUNTS_STORE)
                .to(
                        alerts.name(),
                        Produced.with(alerts.keySerde(), alerts.valueSerde()).withName("to-alerts"));
    }
}
