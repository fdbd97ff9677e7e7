package io.imwatch.benchmarks.e2e;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * End-to-end latency: a read_committed consumer on the outputs records, for each record, the
 * time it became visible minus its timestamp (both systems keep the input record's timestamp,
 * which the load generator sets to the moment it produced it).
 */
final class LatencyProbe implements Runnable {

    private final String bootstrap;
    private final List<String> topics;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private long[] samples = new long[1 << 16];
    private int count;

    LatencyProbe(String bootstrap, List<String> topics) {
        this.bootstrap = bootstrap;
        this.topics = topics;
    }

    void stop() {
        running.set(false);
    }

    @Override
    public void run() {
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = topics.stream()
                    .flatMap(t -> consumer.partitionsFor(t, Duration.ofSeconds(10)).stream()
                            .map(info -> new TopicPartition(t, info.partition())))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position); // resolve "end" now, before the load starts
            while (running.get()) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(20))) {
                    add(System.currentTimeMillis() - r.timestamp());
                }
            }
        }
    }

    private synchronized void add(long latency) {
        if (count == samples.length) {
            samples = Arrays.copyOf(samples, samples.length * 2);
        }
        samples[count++] = latency;
    }

    /** The {@code p}-th percentile (0..100) of the latencies seen, in ms. */
    synchronized long percentile(double p) {
        long[] sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        return sorted.length == 0
                ? -1
                : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100 * sorted.length) - 1)];
    }

    synchronized int count() {
        return count;
    }
}
