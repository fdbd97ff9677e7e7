package io.imwatch.benchmarks.e2e;

import io.imwatch.app.config.ConfigSources;
import io.imwatch.app.config.ConfigValidator;
import io.imwatch.app.config.StreamSettings;
import io.imwatch.app.livecatalog.LiveCatalog;
import io.imwatch.catalog.Catalog;
import io.imwatch.classify.Classifier;
import io.imwatch.classify.event.MalformedEventException;
import io.imwatch.classify.output.EnrichedJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * The floor of imwatch's output: a Kafka Streams topology with imwatch's settings that reads the
 * input and writes, for each record, the very bytes imwatch writes for it (its enriched, unknown
 * or no-code record, computed before the run; an unreadable record's original bytes) — imwatch's
 * I/O with its classification free. What separates imwatch from it is imwatch's own work
 * (parse, classify, write, sum, count, alert); what separates it from the identity topology is
 * the cost of writing imwatch's larger records.
 */
final class OutputFloor implements AutoCloseable {

    private final KafkaStreams streams;

    /** Each input partition's records' output values, by offset. */
    record Outputs(List<byte[][]> byPartition, long bytes) {}

    /** Reads {@code input} whole and computes imwatch's output value for each record. */
    static Outputs precompute(String bootstrap, String input, int partitions, StreamSettings settings) {
        Classifier classifier = Classifier.builtin();
        String catalog = LiveCatalog.fixed(classifier).current().fingerprint();
        List<List<byte[]>> values = new ArrayList<>();
        List<TopicPartition> assigned = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            values.add(new ArrayList<>());
            assigned.add(new TopicPartition(input, p));
        }
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
        long bytes = 0;
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            Map<TopicPartition, Long> ends = consumer.endOffsets(assigned);
            while (assigned.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    byte[] out;
                    try {
                        out = EnrichedJson.write(
                                classifier.classify(record.value(), null, record.timestamp()),
                                settings.redactor(),
                                settings.enrichFields(),
                                catalog);
                    } catch (MalformedEventException e) {
                        out = record.value();
                    }
                    List<byte[]> partition = values.get(record.partition());
                    if (partition.size() != record.offset()) {
                        throw new IllegalStateException("expected offsets from 0 without gaps in " + input);
                    }
                    partition.add(out);
                    bytes += out.length;
                }
            }
        }
        List<byte[][]> byPartition =
                values.stream().map(v -> v.toArray(byte[][]::new)).toList();
        return new Outputs(byPartition, bytes);
    }

    OutputFloor(String bootstrap, String appId, String input, String output, String stateDir, Outputs outputs) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(
                        input,
                        Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("read"))
                .processValues(() -> new Lookup(outputs), Named.as("imwatch-output"))
                .to(
                        output,
                        Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("write"));
        streams = StreamsPassthrough.withImwatchSettings(builder.build(), bootstrap, appId, input, stateDir);
        streams.start();
    }

    /** The settings imwatch runs with in the harness (for its redaction and enrichment fields). */
    static StreamSettings defaultSettings(String bootstrap, String input) {
        ConfigSources sources = new ConfigSources()
                .add("benchmark", SharedSettings.with(Map.of("bootstrap.servers", bootstrap, "input.topics", input)));
        return ConfigValidator.validate(sources.build(), sources, Catalog.builtin());
    }

    KafkaStreams.State state() {
        return streams.state();
    }

    @Override
    public void close() {
        streams.close(Duration.ofSeconds(30));
    }

    /** Replaces each value by imwatch's output for the same partition and offset. */
    private static final class Lookup implements FixedKeyProcessor<byte[], byte[], byte[]> {
        private final Outputs outputs;
        private FixedKeyProcessorContext<byte[], byte[]> context;

        Lookup(Outputs outputs) {
            this.outputs = outputs;
        }

        @Override
        public void init(FixedKeyProcessorContext<byte[], byte[]> context) {
            this.context = context;
        }

        @Override
        public void process(FixedKeyRecord<byte[], byte[]> record) {
            var metadata = context.recordMetadata().orElseThrow();
            context.forward(record.withValue(outputs.byPartition().get(metadata.partition())[(int) metadata.offset()]));
        }
    }
}
