package io.imwatch.app.run;

import io.imwatch.app.config.ConfigProblem;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads a topic once, to the end it has now, for the commands that inspect one (no consumer group, read_committed). */
public final class TopicReader {

    private TopicReader() {}

    /**
     * Hands every committed record of {@code topic} with a timestamp of at least {@code fromMillis}
     * (0: all) to {@code sink}, partition by partition in offset order, up to the end offsets of now.
     *
     * @param clientProperties bootstrap and security settings, as {@code run} builds them
     * @throws ConfigProblem when the cluster does not answer in time
     */
    public static void read(
            Map<String, Object> clientProperties,
            String topic,
            long fromMillis,
            Duration timeout,
            Consumer<ConsumerRecord<byte[], byte[]>> sink) {
        Properties p = new Properties();
        p.putAll(clientProperties);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "imwatch-cli-reader");
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            if (fromMillis > 0) {
                Map<TopicPartition, Long> times = new HashMap<>();
                partitions.forEach(tp -> times.put(tp, fromMillis));
                Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(times, timeout);
                Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
                found.forEach((tp, at) -> consumer.seek(tp, at == null ? end.get(tp) : at.offset()));
            }
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            long deadline = System.nanoTime() + timeout.toNanos() * 6;
            while (partitions.stream().anyMatch(tp -> consumer.position(tp, timeout) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new ConfigProblem(
                            "timed out reading topic " + topic + " to its end; is the cluster healthy?");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                        sink.accept(record);
                    }
                }
            }
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw new ConfigProblem(
                    "no answer about topic " + topic + " within " + timeout.toMillis()
                            + " ms; check bootstrap.servers and the kafka.* security settings",
                    e);
        }
    }
}
