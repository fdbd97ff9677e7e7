package io.imwatch.app.topology;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import io.imwatch.app.demo.DemoOtlp;
import io.imwatch.app.metrics.ImwatchMetrics;
import io.imwatch.classify.event.LogEventParser;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An OTLP input topic: one batch in, one routed record per log record out. */
class OtlpTopologyTest {

    private static final String OTLP_TOPIC = "otlp.logs";
    private static final Instant T = TopologyFixture.START.plusSeconds(30);

    @TempDir
    Path stateDir;

    private TopologyFixture fixture;
    private TestInputTopic<byte[], byte[]> otlp;

    private TopologyFixture fixture(Map<String, String> overrides) {
        Map<String, String> all = new HashMap<>(overrides);
        all.put("input.topics", "im.logs,turms.logs:turms," + OTLP_TOPIC + ":otlp");
        fixture = new TopologyFixture(all, stateDir);
        ByteArraySerializer bytes = new ByteArraySerializer();
        otlp = fixture.driver.createInputTopic(OTLP_TOPIC, bytes, bytes);
        return fixture;
    }

    @AfterEach
    void close() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private void pipe(String key, byte[] batch, Instant time) {
        otlp.pipeInput(new TestRecord<>(key.getBytes(UTF_8), batch, trace("t-1"), time));
    }

    private static Headers trace(String id) {
        return new RecordHeaders().add("trace-id", id.getBytes(UTF_8));
    }

    private static String header(TestRecord<?, ?> record, String key) {
        var header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value(), UTF_8);
    }

    private static JsonNode json(byte[] value) throws Exception {
        return LogEventParser.mapper().readTree(value);
    }

    private double events(TopologyFixture f, String route) {
        return f.registry
                .get(ImwatchMetrics.EVENTS)
                .tag("route", route)
                .counter()
                .count();
    }

    @Test
    void shouldRouteEachLogRecordOnItsOwnWithTheBatchsKeyAndHeadersAndItsOwnTime() throws Exception {
        TopologyFixture f = fixture(Map.of());
        long t1 = T.toEpochMilli() - 20_000;
        long t2 = T.toEpochMilli() - 10_000;
        pipe(
                "batch-1",
                DemoOtlp.batch(List.of(
                        new DemoOtlp.Log("openim-api", "{\"errCode\":1501,\"errMsg\":\"TokenExpiredError\"}", t1),
                        new DemoOtlp.Log("openim-api", "{\"errCode\":1999}", t2),
                        new DemoOtlp.Log("openim-push", "push delivered to 3 devices", t2),
                        new DemoOtlp.Log("openim-api", "{\"errCode\":1204}", 0))),
                T);

        List<TestRecord<byte[], byte[]>> enriched = f.enriched.readRecordsToList();
        assertThat(enriched).hasSize(2);
        TestRecord<byte[], byte[]> first = enriched.get(0);
        assertThat(new String(first.key(), UTF_8)).isEqualTo("batch-1");
        assertThat(header(first, "trace-id")).isEqualTo("t-1");
        assertThat(first.timestamp()).isEqualTo(t1);
        JsonNode out = json(first.value());
        assertThat(out.path("body").asText()).contains("1501");
        assertThat(out.path("resource").path("service.name").asText()).isEqualTo("openim-api");
        assertThat(out.path("imwatch").path("codes").get(0).path("name").asText())
                .isEqualTo("TokenExpiredError");
        TestRecord<byte[], byte[]> timeless = enriched.get(1);
        assertThat(timeless.timestamp()).as("no time of its own: the batch's").isEqualTo(T.toEpochMilli());
        assertThat(json(timeless.value())
                        .path("imwatch")
                        .path("codes")
                        .get(0)
                        .path("code")
                        .asInt())
                .isEqualTo(1204);

        TestRecord<byte[], byte[]> unknown = f.unknown.readRecord();
        assertThat(unknown.timestamp()).isEqualTo(t2);
        assertThat(new String(unknown.key(), UTF_8)).isEqualTo("batch-1");
        assertThat(f.unknown.isEmpty()).isTrue();
        assertThat(events(f, "enriched")).isEqualTo(2.0);
        assertThat(events(f, "unknown")).isEqualTo(1.0);
        assertThat(events(f, "no-code")).isEqualTo(1.0);
        assertThat(f.deadLetter.isEmpty()).isTrue();
    }

    @Test
    void shouldNotTrustARecordTimeFromTheFuture() {
        TopologyFixture f = fixture(Map.of());
        pipe(
                "k",
                DemoOtlp.batch(
                        List.of(new DemoOtlp.Log("openim-api", "{\"errCode\":1204}", T.toEpochMilli() + 3_600_000))),
                T);

        assertThat(f.enriched.readRecord().timestamp()).isEqualTo(T.toEpochMilli());
    }

    @Test
    void shouldCountEveryLogRecordOfABatch() throws Exception {
        TopologyFixture f = fixture(Map.of());
        long t = TopologyFixture.START.toEpochMilli();
        String close = "{\"sdk\":\"turms-client-kotlin\",\"event\":\"session_closed\",\"closeStatus\":110}";
        pipe(
                "a",
                DemoOtlp.batch(List.of(
                        new DemoOtlp.Log("chat-android", close, t + 5_000),
                        new DemoOtlp.Log("chat-android", close, t + 20_000),
                        new DemoOtlp.Log("chat-android", close, t + 50_000))),
                TopologyFixture.START.plusSeconds(50));
        pipe(
                "b",
                DemoOtlp.batch(List.of(new DemoOtlp.Log("openim-api", "{\"errCode\":0}", t + 75_000))),
                TopologyFixture.START.plusSeconds(75));
        f.driver.advanceWallClockTime(java.time.Duration.ofSeconds(75));
        f.flushSums();

        Map<String, Long> counts = new HashMap<>();
        for (var kv : f.counts.readKeyValuesToList()) {
            counts.put(kv.key, json(kv.value).path("count").asLong());
        }
        assertThat(counts).containsEntry("close|turms|HEARTBEAT_TIMEOUT", 3L);
        assertThat(f.registry
                        .get(ImwatchMetrics.SESSION_CLOSES)
                        .tag("vendor", "turms")
                        .tag("reason", "HEARTBEAT_TIMEOUT")
                        .counter()
                        .count())
                .isEqualTo(3.0);
    }

    @Test
    void shouldDeadLetterOnlyTheUnreadableRecordsWithTheBatchsCoordinatesAndTheirIndex() throws Exception {
        TopologyFixture f = fixture(Map.of()); // exactly-once: these dead letters are ordinary outputs
        LogRecord notUtf8 = LogRecord.newBuilder()
                .setBody(AnyValue.newBuilder().setBytesValue(ByteString.copyFrom(new byte[] {(byte) 0xFF, 0x41})))
                .build();
        byte[] batch = ExportLogsServiceRequest.newBuilder()
                .addResourceLogs(ResourceLogs.newBuilder()
                        .addScopeLogs(ScopeLogs.newBuilder()
                                .addLogRecords(LogRecord.newBuilder()
                                        .setBody(AnyValue.newBuilder().setStringValue("{\"errCode\":1204}")))
                                .addLogRecords(notUtf8)
                                .addLogRecords(LogRecord.newBuilder()
                                        .setBody(AnyValue.newBuilder().setStringValue("{\"errCode\":1302}")))))
                .build()
                .toByteArray();
        pipe("batch-9", DemoOtlp.batch(List.of(new DemoOtlp.Log("openim-api", "{\"errCode\":1001}", 0))), T);
        pipe("batch-9", batch, T.plusSeconds(1));

        assertThat(f.enriched.readRecordsToList()).hasSize(3);
        TestRecord<byte[], byte[]> dead = f.deadLetter.readRecord();
        assertThat(dead.value()).isEqualTo(notUtf8.toByteArray());
        assertThat(new String(dead.key(), UTF_8)).isEqualTo("batch-9");
        assertThat(header(dead, "trace-id")).isEqualTo("t-1");
        assertThat(header(dead, DeadLetters.REASON)).isEqualTo("invalid-utf8");
        assertThat(header(dead, DeadLetters.SOURCE_TOPIC)).isEqualTo(OTLP_TOPIC);
        assertThat(header(dead, DeadLetters.SOURCE_PARTITION)).isEqualTo("0");
        assertThat(header(dead, DeadLetters.SOURCE_OFFSET)).isEqualTo("1");
        assertThat(header(dead, DeadLetters.SOURCE_TIMESTAMP))
                .isEqualTo(Long.toString(T.plusSeconds(1).toEpochMilli()));
        assertThat(header(dead, DeadLetters.SOURCE_RECORD_INDEX)).isEqualTo("1");
        assertThat(f.deadLetter.isEmpty()).isTrue();
        assertThat(f.registry
                        .get(ImwatchMetrics.DEAD_LETTERS)
                        .tag("reason", "invalid-utf8")
                        .counter()
                        .count())
                .isEqualTo(1.0);
        assertThat(events(f, "dead-letter")).isEqualTo(1.0);
    }

    /* at_least_once, as ImwatchTopologyTest's dead-letter tests: TopologyTestDriver never surfaces a
     * transactional send made while a record is being deserialized. */
    @Test
    void shouldDeadLetterABatchThatCannotBeReadWholeWithItsOriginalBytes() {
        TopologyFixture f = fixture(Map.of("processing.guarantee", "at_least_once"));
        byte[] whole = DemoOtlp.batch(List.of(
                new DemoOtlp.Log("openim-api", "{\"errCode\":1204}", 0),
                new DemoOtlp.Log("openim-api", "{\"errCode\":1302}", 0)));
        byte[] truncated = Arrays.copyOf(whole, whole.length - 3);
        pipe("cut", truncated, T);
        pipe("next", whole, T.plusSeconds(1));
        f.commit();

        TestRecord<byte[], byte[]> dead = f.deadLetter.readRecord();
        assertThat(dead.value()).isEqualTo(truncated);
        assertThat(new String(dead.key(), UTF_8)).isEqualTo("cut");
        assertThat(header(dead, "trace-id")).isEqualTo("t-1");
        assertThat(header(dead, DeadLetters.REASON)).isEqualTo("malformed-otlp");
        assertThat(header(dead, DeadLetters.SOURCE_TOPIC)).isEqualTo(OTLP_TOPIC);
        assertThat(header(dead, DeadLetters.SOURCE_OFFSET)).isEqualTo("0");
        assertThat(header(dead, DeadLetters.SOURCE_RECORD_INDEX))
                .as("the whole batch")
                .isNull();
        assertThat(f.deadLetter.isEmpty()).isTrue();
        assertThat(f.enriched.readRecordsToList()).as("the next batch is read").hasSize(2);
    }

    @Test
    void shouldReadOtlpJsonBatchesOnTheSameTopic() throws Exception {
        TopologyFixture f = fixture(Map.of());
        String batch = """
                {"resourceLogs":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"openim-api"}}]},
                 "scopeLogs":[{"logRecords":[
                  {"timeUnixNano":"%d","body":{"stringValue":"{\\"errCode\\":1501,\\"errMsg\\":\\"TokenExpiredError\\"}"}},
                  {"timeUnixNano":"%d","body":{"stringValue":"{\\"errCode\\":1204,\\"errMsg\\":\\"DismissedAlreadyError\\"}"}}
                 ]}]}]}
                """.formatted(T.toEpochMilli() * 1_000_000L, (T.toEpochMilli() + 1) * 1_000_000L);
        pipe("json", batch.getBytes(UTF_8), T.plusSeconds(2));

        List<TestRecord<byte[], byte[]>> enriched = f.enriched.readRecordsToList();
        assertThat(enriched).extracting(TestRecord::timestamp).containsExactly(T.toEpochMilli(), T.toEpochMilli() + 1);
        assertThat(json(enriched.get(1).value())
                        .path("imwatch")
                        .path("codes")
                        .get(0)
                        .path("name")
                        .asText())
                .isEqualTo("DismissedAlreadyError");
    }
}
