package io.imwatch.app.topology;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.imwatch.app.alerts.detection.AlertsTopology;
import io.imwatch.app.counts.CountsTopology;
import io.imwatch.app.window.WindowKeys;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The summing step in the production topology: one pre-aggregation feeds the counts and the alert
 * signals, whose sums reach their changelogs (names and format unchanged) with every commit and
 * leave them when forwarded.
 */
class SummingTopologyTest {

    private static final String HEARTBEAT_CLOSE =
            "{\"sdk\":\"turms-client-kotlin\",\"event\":\"session_closed\",\"closeStatus\":110,\"ts\":\"%s\"}";
    private static final long MINUTE = 60_000;

    @TempDir
    Path stateDir;

    private TopologyFixture f;

    @AfterEach
    void close() {
        f.close();
    }

    private void closeAt(Instant t) {
        f.logs.pipeInput(new TestRecord<>(null, HEARTBEAT_CLOSE.formatted(t).getBytes(UTF_8), t));
    }

    @Test
    void shouldCommitBothBranchesSumsToTheirChangelogsAndDeleteThemWhenForwarded() {
        f = new TopologyFixture(Map.of(), stateDir);
        Instant t = TopologyFixture.START;
        long window = t.toEpochMilli() / MINUTE * MINUTE;
        String code = WindowKeys.of(window, "code|turms|session-close|SESSION|110");
        String close = WindowKeys.of(window, "close|turms|HEARTBEAT_TIMEOUT");

        closeAt(t.plusSeconds(1));
        closeAt(t.plusSeconds(2)); // every record is committed in the test driver

        Map<String, long[]> counts = latest(changelog(CountsTopology.BUFFER));
        assertThat(counts).containsOnlyKeys(code, close);
        assertThat(counts.get(close))
                .as("sum, latest event time")
                .containsExactly(2, t.plusSeconds(2).toEpochMilli());
        Map<String, long[]> signals = latest(changelog(AlertsTopology.SIGNAL_SUMS));
        assertThat(signals).isNotEmpty();
        assertThat(signals.values()).allSatisfy(sum -> assertThat(sum[0]).isEqualTo(2));

        f.flushSums();

        assertThat(latest(changelog(CountsTopology.BUFFER)))
                .as("forwarded and deleted")
                .containsOnlyKeys(code, close)
                .allSatisfy((key, sum) -> assertThat(sum).isNull());
        assertThat(latest(changelog(AlertsTopology.SIGNAL_SUMS)))
                .allSatisfy((key, sum) -> assertThat(sum).isNull());
    }

    /** The changelog records of {@code store} under the changelog topic name Kafka Streams gives it. */
    private List<TestRecord<byte[], byte[]>> changelog(String store) {
        String topic = f.driver.producedTopicNames().stream()
                .filter(name -> name.endsWith("-" + store + "-changelog"))
                .findFirst()
                .orElseThrow(
                        () -> new AssertionError("no changelog of " + store + " in " + f.driver.producedTopicNames()));
        ByteArrayDeserializer bytes = new ByteArrayDeserializer();
        TestOutputTopic<byte[], byte[]> out = f.driver.createOutputTopic(topic, bytes, bytes);
        return out.readRecordsToList();
    }

    /** Per key, the last changelog value as {sum, latest event time}, or null for a deletion. */
    private static Map<String, long[]> latest(List<TestRecord<byte[], byte[]>> records) {
        Map<String, long[]> latest = new LinkedHashMap<>();
        for (TestRecord<byte[], byte[]> r : records) {
            // a timestamped store logs the value alone, with its timestamp as the record's
            latest.put(
                    new String(r.key(), UTF_8),
                    r.value() == null
                            ? null
                            : new long[] {ByteBuffer.wrap(r.value()).getLong(), r.timestamp()});
        }
        return latest;
    }
}
