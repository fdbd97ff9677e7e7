package io.imwatch.app.run;

import io.imwatch.app.config.ConfigProblem;
import io.imwatch.app.livecatalog.CatalogOverlay;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Reads and writes the catalogue topic for {@code imwatch catalog}: what is on it, in offset
 * order, and new files or tombstones, each with its fingerprint and kind as headers.
 */
public final class CatalogTopic {

    private final Map<String, Object> clientProperties;
    private final String topic;
    private final Duration timeout;

    /**
     * @param clientProperties bootstrap and security settings, as {@code run} builds them
     * @param timeout how long the cluster may take to answer
     */
    public CatalogTopic(Map<String, Object> clientProperties, String topic, Duration timeout) {
        this.clientProperties = Map.copyOf(clientProperties);
        this.topic = topic;
        this.timeout = timeout;
    }

    public String topic() {
        return topic;
    }

    /** Every committed record now on the topic, in offset order (one partition, as imwatch creates it); tombstones have a null value. */
    public List<Map.Entry<String, byte[]>> readAll() {
        List<Map.Entry<String, byte[]>> out = new ArrayList<>();
        TopicReader.read(
                clientProperties,
                topic,
                0,
                timeout,
                record -> out.add(new AbstractMap.SimpleImmutableEntry<>(
                        record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8),
                        record.value())));
        return out;
    }

    /** Publishes {@code files} (as they are) and a tombstone for each of {@code removed}; waits for every ack. */
    public void write(List<CatalogOverlay> files, List<String> removed) {
        Properties p = new Properties();
        p.putAll(clientProperties);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "imwatch-catalog-cli");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout.toMillis());
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (CatalogOverlay file : files) {
                RecordHeaders headers = new RecordHeaders();
                headers.add(
                        CatalogOverlay.FINGERPRINT_HEADER, file.fingerprint().getBytes(StandardCharsets.UTF_8));
                headers.add(CatalogOverlay.KIND_HEADER, file.kind().id().getBytes(StandardCharsets.UTF_8));
                sent.add(producer.send(new ProducerRecord<>(topic, null, file.name(), file.yaml(), headers)));
            }
            for (String name : removed) {
                sent.add(producer.send(new ProducerRecord<>(topic, name, null)));
            }
            for (Future<RecordMetadata> future : sent) {
                future.get(timeout.toMillis() * 4, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing to " + topic, e);
        } catch (ExecutionException | TimeoutException | org.apache.kafka.common.KafkaException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new ConfigProblem(
                    "cannot write to topic " + topic + ": " + cause.getClass().getSimpleName() + ": "
                            + cause.getMessage() + " (is this principal allowed to write it? deploy/README.md)",
                    e);
        }
    }
}
