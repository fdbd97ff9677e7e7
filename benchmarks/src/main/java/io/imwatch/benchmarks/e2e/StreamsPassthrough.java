package io.imwatch.benchmarks.e2e;

import io.imwatch.app.config.ConfigSources;
import io.imwatch.app.config.ConfigValidator;
import io.imwatch.app.config.ImwatchConfig;
import io.imwatch.app.config.StreamSettings;
import io.imwatch.app.run.StreamsProperties;
import io.imwatch.catalog.Catalog;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * A second floor: a Kafka Streams identity topology (read, write unchanged) with exactly
 * imwatch's Streams settings — what any Kafka Streams application pays before doing any work.
 */
final class StreamsPassthrough implements AutoCloseable {

    private final KafkaStreams streams;

    StreamsPassthrough(String bootstrap, String appId, String input, String output, String stateDir) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(
                        input,
                        Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("read"))
                .to(
                        output,
                        Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("write"));
        streams = withImwatchSettings(builder.build(), bootstrap, appId, input, stateDir);
        streams.start();
    }

    /**
     * A Kafka Streams client of {@code topology} with exactly imwatch's default Streams settings and
     * the {@link SharedSettings} of this run.
     */
    static KafkaStreams withImwatchSettings(
            Topology topology, String bootstrap, String appId, String input, String stateDir) {
        ConfigSources sources = new ConfigSources()
                .add(
                        "benchmark",
                        SharedSettings.with(Map.of(
                                "bootstrap.servers", bootstrap, "application.id", appId, "input.topics", input)));
        ImwatchConfig config = sources.build();
        StreamSettings settings = ConfigValidator.validate(config, sources, Catalog.builtin());
        return new KafkaStreams(topology, StreamsProperties.of(config, settings, bootstrap, stateDir, reason -> {}));
    }

    KafkaStreams.State state() {
        return streams.state();
    }

    @Override
    public void close() {
        streams.close(Duration.ofSeconds(30));
    }
}
