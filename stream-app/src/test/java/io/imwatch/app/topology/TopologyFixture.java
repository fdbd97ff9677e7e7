package io.imwatch.app.topology;

import io.imwatch.app.alerts.rules.AlertRules;
import io.imwatch.app.config.ConfigSources;
import io.imwatch.app.config.ConfigValidator;
import io.imwatch.app.config.ImwatchConfig;
import io.imwatch.app.config.StreamSettings;
import io.imwatch.app.config.TopicSpec;
import io.imwatch.app.livecatalog.CatalogBase;
import io.imwatch.app.livecatalog.LiveCatalog;
import io.imwatch.app.metrics.CatalogMetrics;
import io.imwatch.app.metrics.ImwatchMetrics;
import io.imwatch.app.run.StreamsProperties;
import io.imwatch.app.window.SummingProcessor;
import io.imwatch.classify.Classifier;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The production topology (with its catalogue topic and live catalogue) and Streams properties,
 * driven by a TopologyTestDriver.
 */
final class TopologyFixture implements AutoCloseable {

    static final Instant START = Instant.parse("2026-11-20T10:00:00Z");
    private static final Classifier CLASSIFIER = Classifier.builtin();

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final ImwatchMetrics metrics = new ImwatchMetrics(registry);
    final LiveCatalog catalog;
    final TestInputTopic<String, byte[]> catalogTopic;
    final StreamSettings settings;
    final TopologyTestDriver driver;
    final TestInputTopic<byte[], byte[]> logs;
    final TestInputTopic<byte[], byte[]> turmsLogs;
    final TestOutputTopic<byte[], byte[]> enriched;
    final TestOutputTopic<byte[], byte[]> unknown;
    final TestOutputTopic<byte[], byte[]> deadLetter;
    final TestOutputTopic<byte[], byte[]> noCode;
    final TestOutputTopic<String, byte[]> counts;
    final TestOutputTopic<String, byte[]> alerts;

    TopologyFixture(Map<String, String> overrides, Path stateDir) {
        ConfigSources sources = new ConfigSources()
                .add(
                        "test",
                        Map.of(
                                ImwatchConfig.INPUT_TOPICS_CONFIG, "im.logs,turms.logs:turms",
                                ImwatchConfig.BOOTSTRAP_SERVERS_CONFIG, "ttd:9092",
                                ImwatchConfig.COUNTS_WINDOW_CONFIG, "1m",
                                ImwatchConfig.COUNTS_GRACE_CONFIG, "10s",
                                ImwatchConfig.ALERTS_EVALUATION_INTERVAL_CONFIG, "5s"))
                .add("test overrides", overrides);
        ImwatchConfig config = sources.build();
        settings = ConfigValidator.validate(config, sources, CLASSIFIER.catalog());
        Properties props = StreamsProperties.of(config, settings, "ttd:9092", stateDir.toString(), metrics::deadLetter);
        catalog = LiveCatalog.start(
                CatalogBase.of(
                        List.of(),
                        List.of(),
                        config.getInt(ImwatchConfig.MAX_EVENT_BYTES_CONFIG),
                        config.duration(ImwatchConfig.CLASSIFY_BUDGET_CONFIG),
                        settings.topics().catalog()),
                new CatalogMetrics(registry));
        driver = new TopologyTestDriver(
                ImwatchTopology.build(
                        settings,
                        ImwatchTopology.Outputs.of(settings),
                        new TopicSpec<>(settings.topics().catalog(), Serdes.String(), Serdes.ByteArray()),
                        catalog,
                        AlertRules.defaults(settings.countsWindow()),
                        metrics),
                props,
                START);
        ByteArraySerializer bytes = new ByteArraySerializer();
        ByteArrayDeserializer readBytes = new ByteArrayDeserializer();
        logs = driver.createInputTopic("im.logs", bytes, bytes, START, java.time.Duration.ZERO);
        turmsLogs = driver.createInputTopic("turms.logs", bytes, bytes, START, java.time.Duration.ZERO);
        catalogTopic = driver.createInputTopic(
                settings.topics().catalog(), new StringSerializer(), bytes, START, java.time.Duration.ZERO);
        enriched = driver.createOutputTopic(settings.topics().enriched(), readBytes, readBytes);
        unknown = driver.createOutputTopic(settings.topics().unknown(), readBytes, readBytes);
        deadLetter = driver.createOutputTopic(settings.topics().deadLetter(), readBytes, readBytes);
        noCode = driver.createOutputTopic(settings.topics().noCode(), readBytes, readBytes);
        counts = driver.createOutputTopic(settings.topics().counts(), new StringDeserializer(), readBytes);
        alerts = driver.createOutputTopic(settings.topics().alerts(), new StringDeserializer(), readBytes);
    }

    /**
     * Commits, as Kafka Streams does every commit interval. Under exactly-once, what the handlers
     * dead-lettered for a record that was never processed only becomes visible with a commit.
     */
    void commit() {
        driver.advanceWallClockTime(java.time.Duration.ofMillis(1));
    }

    /** Moves the wall clock past one flush of the per-window sums, so counts and signals reach their windows. */
    void flushSums() {
        driver.advanceWallClockTime(SummingProcessor.FLUSH_INTERVAL);
    }

    @Override
    public void close() {
        driver.close();
    }
}
