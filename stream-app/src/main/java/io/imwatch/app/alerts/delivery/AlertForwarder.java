package io.imwatch.app.alerts.delivery;

import io.imwatch.app.alerts.AlertEvent;
import io.imwatch.app.alerts.AlertJson;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the alerts topic (read_committed, from the beginning — it is compacted, so that is the
 * current state of every alert) into {@link FiringAlerts}, and hands transitions to Alertmanager
 * when one is configured. Runs beside the topology, so Alertmanager can never slow the stream.
 */
public final class AlertForwarder implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AlertForwarder.class);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String topic;
    private final FiringAlerts firing;
    private final AlertmanagerClient alertmanager;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    /**
     * @param clientProperties bootstrap and security settings for the consumer
     * @param alertmanager where to send alerts, or {@code null}
     */
    public AlertForwarder(
            Map<String, Object> clientProperties, String topic, FiringAlerts firing, AlertmanagerClient alertmanager) {
        Properties p = new Properties();
        p.putAll(clientProperties);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "imwatch-alert-forwarder");
        this.consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.topic = topic;
        this.firing = firing;
        this.alertmanager = alertmanager;
        this.thread = new Thread(this::run, "imwatch-alert-forwarder");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void run() {
        try {
            List<TopicPartition> partitions = List.of();
            while (running.get() && partitions.isEmpty()) {
                partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                        .map(info -> new TopicPartition(info.topic(), info.partition()))
                        .toList();
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (running.get()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value() == null) {
                        continue;
                    }
                    try {
                        AlertEvent alert = AlertJson.read(record.value());
                        if (firing.apply(alert) && alertmanager != null) {
                            alertmanager.send(alert);
                        }
                    } catch (RuntimeException e) {
                        log.warn(
                                "skipping unreadable alert at {}-{}@{}: {}",
                                record.topic(),
                                record.partition(),
                                record.offset(),
                                e.toString());
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            log.error("alert forwarder stopped", e);
        } finally {
            consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    @Override
    public void close() {
        running.set(false);
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (alertmanager != null) {
            alertmanager.close();
        }
    }
}
