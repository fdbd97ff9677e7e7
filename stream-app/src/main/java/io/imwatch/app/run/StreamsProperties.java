package io.imwatch.app.run;

import io.imwatch.app.config.ImwatchConfig;
import io.imwatch.app.config.StreamSettings;
import io.imwatch.app.topology.DeadLetterDeserializationHandler;
import io.imwatch.app.topology.DeadLetterProcessingHandler;
import io.imwatch.app.topology.DeadLetterProductionHandler;
import io.imwatch.app.topology.DeadLetters;
import io.imwatch.classify.event.MalformedReason;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/** The Kafka Streams configuration imwatch runs with; {@code kafka.*} settings override these defaults. */
public final class StreamsProperties {

    private StreamsProperties() {}

    /**
     * @param bootstrapServers the cluster (the embedded broker's when running embedded)
     * @param stateDir where RocksDB state lives
     * @param deadLetterListener told of each dead-lettered record (metrics)
     */
    public static Properties of(
            ImwatchConfig config,
            StreamSettings settings,
            String bootstrapServers,
            String stateDir,
            Consumer<MalformedReason> deadLetterListener) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, config.getString(ImwatchConfig.APPLICATION_ID_CONFIG));
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, config.getString(ImwatchConfig.PROCESSING_GUARANTEE_CONFIG));
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, config.getLong(ImwatchConfig.COMMIT_INTERVAL_MS_CONFIG));
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) config.getShort(ImwatchConfig.TOPICS_REPLICATION_CONFIG));
        // all RocksDB stores share one bounded cache (deploy/README.md, "Memory")
        p.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedMemoryRocksDBConfig.class);
        p.put(
                BoundedMemoryRocksDBConfig.TOTAL_BYTES_CONFIG,
                (long) config.getInt(ImwatchConfig.ROCKSDB_MEMORY_MB_CONFIG) << 20);
        // every unreadable or failing record is dead-lettered by Kafka Streams' own hooks, in the same transaction
        p.put(
                StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG,
                settings.topics().deadLetter());
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class);
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class);
        p.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProductionHandler.class);
        // Kafka 4.3 warns unless this is set; the constant is deprecated because 5.0 makes it the default
        p.put("processing.exception.handler.global.enabled", true);
        // Kafka Streams' assignor re-reads its config from the main consumer's settings and warns again without it
        p.put(StreamsConfig.mainConsumerPrefix("processing.exception.handler.global.enabled"), true);
        p.put(DeadLetters.LISTENER_CONFIG, deadLetterListener);
        // batching: the measured floor in KAFKA-NOTES.md needs bigger batches than the client defaults
        p.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 131_072);
        p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), lingerMs(config));
        p.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), 2_000);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.FETCH_MIN_BYTES_CONFIG), 1);
        // never idle a task to align its input partitions by time: imwatch joins nothing, and with
        // idling on, Kafka Streams 4.3 builds a log message (String.format per empty partition) each
        // time it asks a task whether it may process, which the repartition-fed tasks, empty between
        // flushes, are asked on every loop (BENCHMARKS.md §2, "Where the broker's and the stream
        // threads' extra CPU goes")
        p.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
        // two threads: one processes while the other waits on its transaction commit (BENCHMARKS.md)
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 2);
        // a warm copy of each task on another instance: an instance's death costs a rebalance, not a
        // restore from the changelogs (README, "Running several instances"); alone, no standby is placed
        p.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 1);
        p.putAll(config.kafkaPassThrough());
        return p;
    }

    /**
     * How long the producers wait to fill a batch. Under exactly-once, output is invisible until
     * its transaction commits and each commit flushes the producer, so waiting up to
     * {@value #EXACTLY_ONCE_LINGER_MS} ms delays no reader; it sends fewer, fuller batches to the
     * many output, repartition and changelog partitions a transaction touches, which the broker
     * handles for less CPU per record (BENCHMARKS.md §2, "Lingering under exactly-once").
     * At-least-once output is visible as soon as it is written: a short linger.
     */
    static int lingerMs(ImwatchConfig config) {
        return StreamsConfig.AT_LEAST_ONCE.equals(config.getString(ImwatchConfig.PROCESSING_GUARANTEE_CONFIG))
                ? AT_LEAST_ONCE_LINGER_MS
                : EXACTLY_ONCE_LINGER_MS;
    }

    static final int EXACTLY_ONCE_LINGER_MS = 100;
    static final int AT_LEAST_ONCE_LINGER_MS = 10;
}
